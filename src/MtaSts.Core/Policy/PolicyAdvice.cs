using System;
using MtaSts.Diagnostics;
using MtaSts.Resources;

namespace MtaSts.Policy
{
    /// <summary>Warnings about values the RFC allows but real senders or operators trip over; their messages are built when read.</summary>
    internal static class PolicyAdvice
    {
        public static Finding? ForMaxAge(int maxAge, PolicyMode mode, int line, int column)
        {
            if (maxAge == 0)
            {
                return new Finding(ErrorCodes.MaxAgeShort, Severity.Warning,
                    Messages.Defer("AdviceMaxAgeZero"),
                    "RFC 8461 §3.2", line, column, "0");
            }

            if (maxAge < MtaStsPolicy.RecommendedMinMaxAge && mode != PolicyMode.None)
            {
                return new Finding(ErrorCodes.MaxAgeShort, Severity.Warning,
                    Messages.Defer("AdviceMaxAgeShort", maxAge),
                    "RFC 8461 §3.2, §10.2", line, column, maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return null;
        }

        public static Finding? ForMx(MxPattern pattern, int line, int column)
        {
            if (pattern.LooksLikeIpAddress)
            {
                return new Finding(ErrorCodes.MxLooksLikeIp, Severity.Warning,
                    Messages.Defer("AdviceMxIpAddress", pattern.Value),
                    "RFC 8461 §4.1", line, column, pattern.Value);
            }

            if (pattern.IsSingleLabel)
            {
                return pattern.IsWildcard
                    ? new Finding(ErrorCodes.MxBroadWildcard, Severity.Warning,
                        Messages.Defer("AdviceMxBroadWildcard", pattern.Value),
                        "RFC 8461 §10.4", line, column, pattern.Value)
                    : new Finding(ErrorCodes.MxSingleLabel, Severity.Warning,
                        Messages.Defer("AdviceMxSingleLabel", pattern.Value),
                        "RFC 8461 §3.2", line, column, pattern.Value);
            }

            return null;
        }

        public static Finding NoneWithoutMx(int line, int column) =>
            new Finding(ErrorCodes.NoneWithoutMx, Severity.Warning,
                Messages.Defer("AdviceNoneWithoutMx"),
                "RFC 8461 §3.2, §8.3", line, column);
    }
}
