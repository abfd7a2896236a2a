using System;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Binds a duration to a whole number of seconds (max_age; RFC 8461 §3.2: whole seconds, no units), and explains
    /// anything else, such as '1w'.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecondsTransformationAttribute : DurationTransformationAttribute
    {
        private protected override string NotRecognizedMessage => "SecondsNotRecognized";

        private protected override object? Bind(TimeSpan duration) =>
            duration.Ticks % TimeSpan.TicksPerSecond == 0 && Math.Abs(duration.TotalSeconds) <= int.MaxValue ? (int)duration.TotalSeconds : null;
    }
}
