using System;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Binds a duration to a TTL parameter as a TimeSpan. Without this, PowerShell would turn the number 3600 into
    /// 3600 ticks (0.00036 s).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TimeToLiveTransformationAttribute : DurationTransformationAttribute
    {
        private protected override string NotRecognizedMessage => "TimeToLiveNotRecognized";

        private protected override object? Bind(TimeSpan duration) => duration;
    }
}
