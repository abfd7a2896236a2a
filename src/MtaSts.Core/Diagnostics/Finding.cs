using MtaSts.Resources;

namespace MtaSts.Diagnostics
{
    /// <summary>How much a finding matters.</summary>
    public enum Severity
    {
        Info,
        Warning,
        Error,
    }

    /// <summary>
    /// One observation about a value: a stable code (also the PowerShell error id), a message that names
    /// the value, the rule and the fix, the RFC section behind the rule, and where in the text it was found.
    /// A parser's warning may carry its message unbuilt (<see cref="DeferredMessage"/>): it is put together, in the
    /// cultures of the moment it was found, only when someone reads it.
    /// </summary>
    public sealed record Finding
    {
        private readonly DeferredMessage? deferred;
        private string? message;

        /// <param name="Code">A stable identifier such as <c>MtaStsMxPatternInvalid</c>.</param>
        /// <param name="Severity">How much it matters.</param>
        /// <param name="Message">What is wrong, the rule and the fix.</param>
        /// <param name="RfcSection">Where the rule comes from, for example <c>RFC 8461 §3.2</c>.</param>
        /// <param name="Line">1-based line of the offending text, or 0 when the finding is not about parsed text.</param>
        /// <param name="Column">1-based column (in characters) of the offending text, or 0.</param>
        /// <param name="Target">The value the finding is about.</param>
        public Finding(string Code, Severity Severity, string Message, string RfcSection, int Line = 0, int Column = 0, string? Target = null)
        {
            this.Code = Code;
            this.Severity = Severity;
            message = Message;
            this.RfcSection = RfcSection;
            this.Line = Line;
            this.Column = Column;
            this.Target = Target;
        }

        internal Finding(string code, Severity severity, DeferredMessage message, string rfcSection, int line = 0, int column = 0, string? target = null)
            : this(code, severity, (string)null!, rfcSection, line, column, target)
        {
            deferred = message;
        }

        public string Code { get; init; }

        public Severity Severity { get; init; }

        public string Message
        {
            get => message ??= deferred!.Text;
            init => message = value;
        }

        public string RfcSection { get; init; }

        public int Line { get; init; }

        public int Column { get; init; }

        public string? Target { get; init; }

        /// <summary>True when the finding is about a server that did not answer in time.</summary>
        public bool TimedOut { get; init; }

        public bool Equals(Finding? other) =>
            other is not null && Code == other.Code && Severity == other.Severity && Message == other.Message && RfcSection == other.RfcSection
            && Line == other.Line && Column == other.Column && Target == other.Target && TimedOut == other.TimedOut;

        public override int GetHashCode() => (Code, Severity, Message, RfcSection, Line, Column, Target, TimedOut).GetHashCode();

        public override string ToString()
        {
            var where = Line > 0 ? Messages.Format("AtLineColumn", Line, Column) + " " : string.Empty;
            return $"{where}{Message} ({RfcSection})";
        }
    }
}
