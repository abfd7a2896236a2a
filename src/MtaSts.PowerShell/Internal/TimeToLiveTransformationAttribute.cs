using System;
using System.Globalization;
using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Lets a TTL parameter take a TimeSpan, a TimeSpan string ('01:00:00') or a number of seconds (3600).
    /// Without this, PowerShell would turn the number 3600 into 3600 ticks (0.00036 s).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TimeToLiveTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case TimeSpan _:
                    return value;
                case int i:
                    return TimeSpan.FromSeconds(i);
                case long l:
                    return TimeSpan.FromSeconds(l);
                case uint u:
                    return TimeSpan.FromSeconds(u);
                case string s when long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds):
                    return TimeSpan.FromSeconds(seconds);
                case string s when TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out TimeSpan span):
                    return span;
            }

            throw new ArgumentTransformationMetadataException(
                Messages.Format("TimeToLiveNotRecognized", value));
        }
    }
}
