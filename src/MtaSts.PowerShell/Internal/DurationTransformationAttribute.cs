using System;
using System.Globalization;
using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// What the duration parameters share: a TimeSpan, a TimeSpan string ('14.00:00:00') or a whole number of seconds
    /// (a number, or digits in a string) all read as the same duration; each parameter then says what it binds.
    /// </summary>
    public abstract class DurationTransformationAttribute : ArgumentTransformationAttribute
    {
        public sealed override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject pso ? pso.BaseObject : inputData;
            TimeSpan? duration = Read(value);
            return (duration.HasValue ? Bind(duration.Value) : null)
                ?? throw new ArgumentTransformationMetadataException(Messages.Format(NotRecognizedMessage, value));
        }

        /// <summary>The message key that explains what the parameter takes.</summary>
        private protected abstract string NotRecognizedMessage { get; }

        /// <summary>The value to bind, or null when the duration does not fit the parameter.</summary>
        private protected abstract object? Bind(TimeSpan duration);

        private static TimeSpan? Read(object value)
        {
            try
            {
                switch (value)
                {
                    case TimeSpan span:
                        return span;
                    case int i:
                        return TimeSpan.FromSeconds(i);
                    case long l:
                        return TimeSpan.FromSeconds(l);
                    case uint u:
                        return TimeSpan.FromSeconds(u);
                    case double d when d == Math.Floor(d):
                        return TimeSpan.FromSeconds(d);
                    case string s when long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds):
                        return TimeSpan.FromSeconds(seconds);
                    case string s when TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out TimeSpan span):
                        return span;
                    default:
                        return null;
                }
            }
            catch (OverflowException)
            {
                return null;
            }
        }
    }
}
