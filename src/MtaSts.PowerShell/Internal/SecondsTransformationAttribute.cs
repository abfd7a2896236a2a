using System;
using System.Globalization;
using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Lets a seconds parameter (max_age) take a number, digits in a string, or a TimeSpan, and explains
    /// anything else, such as '1w' (RFC 8461 §3.2: max_age is whole seconds, no units).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecondsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case int _:
                    return value;
                case long l when l >= int.MinValue && l <= int.MaxValue:
                    return (int)l;
                case TimeSpan span when span.Ticks % TimeSpan.TicksPerSecond == 0 && span.TotalSeconds <= int.MaxValue:
                    return (int)span.TotalSeconds;
                case string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds):
                    return seconds;
                case double d when d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue:
                    return (int)d;
            }

            throw new ArgumentTransformationMetadataException(
                Messages.Format("SecondsNotRecognized", value));
        }
    }
}
