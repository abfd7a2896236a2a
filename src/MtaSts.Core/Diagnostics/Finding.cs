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
    /// </summary>
    public sealed class Finding
    {
        public Finding(string code, Severity severity, string message, string rfcSection, int line = 0, int column = 0, string? target = null)
        {
            Code = code;
            Severity = severity;
            Message = message;
            RfcSection = rfcSection;
            Line = line;
            Column = column;
            Target = target;
        }

        /// <summary>A stable identifier such as <c>MtaStsMxPatternInvalid</c>.</summary>
        public string Code { get; }

        public Severity Severity { get; }

        public string Message { get; }

        /// <summary>Where the rule comes from, for example <c>RFC 8461 §3.2</c>.</summary>
        public string RfcSection { get; }

        /// <summary>1-based line of the offending text, or 0 when the finding is not about parsed text.</summary>
        public int Line { get; }

        /// <summary>1-based column (in characters) of the offending text, or 0.</summary>
        public int Column { get; }

        /// <summary>The value the finding is about.</summary>
        public string? Target { get; }

        public override string ToString()
        {
            var where = Line > 0 ? Messages.Format("AtLineColumn", Line, Column) + " " : string.Empty;
            return $"{where}{Message} ({RfcSection})";
        }
    }
}
