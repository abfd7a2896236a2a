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
    /// <param name="Code">A stable identifier such as <c>MtaStsMxPatternInvalid</c>.</param>
    /// <param name="Severity">How much it matters.</param>
    /// <param name="Message">What is wrong, the rule and the fix.</param>
    /// <param name="RfcSection">Where the rule comes from, for example <c>RFC 8461 §3.2</c>.</param>
    /// <param name="Line">1-based line of the offending text, or 0 when the finding is not about parsed text.</param>
    /// <param name="Column">1-based column (in characters) of the offending text, or 0.</param>
    /// <param name="Target">The value the finding is about.</param>
    public sealed record Finding(string Code, Severity Severity, string Message, string RfcSection, int Line = 0, int Column = 0, string? Target = null)
    {
        /// <summary>True when the finding is about a server that did not answer in time.</summary>
        public bool TimedOut { get; init; }

        public override string ToString()
        {
            var where = Line > 0 ? Messages.Format("AtLineColumn", Line, Column) + " " : string.Empty;
            return $"{where}{Message} ({RfcSection})";
        }
    }
}
