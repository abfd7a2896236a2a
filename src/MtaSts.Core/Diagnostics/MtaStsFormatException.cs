using System;

namespace MtaSts.Diagnostics
{
    /// <summary>
    /// The exception the core throws for bad input. It carries the <see cref="Finding"/> that explains the problem,
    /// so callers can report the code, position and RFC section (see <see cref="FindingException"/> for the others).
    /// </summary>
    [Serializable]
    public sealed class MtaStsFormatException : FormatException, IFindingException
    {
        public MtaStsFormatException(Finding finding)
            : base(finding?.ToString())
        {
            Finding = finding ?? throw new ArgumentNullException(nameof(finding));
        }

        public Finding Finding { get; }
    }
}
