using System;
using MtaSts.Validation;

namespace MtaSts.Policy
{
    /// <summary>Warnings about values the RFC allows but real senders or operators trip over.</summary>
    internal static class PolicyAdvice
    {
        public static Finding? ForMaxAge(int maxAge, PolicyMode mode, int line, int column)
        {
            if (maxAge == 0)
            {
                return new Finding(ErrorCodes.MaxAgeShort, Severity.Warning,
                    "max_age is 0: senders may not cache the policy at all, and chasquid rejects it. Use at least 86400 (one day).",
                    "RFC 8461 §3.2", line, column, "0");
            }

            if (maxAge < MtaStsPolicy.RecommendedMinMaxAge && mode != PolicyMode.None)
            {
                return new Finding(ErrorCodes.MaxAgeShort, Severity.Warning,
                    $"max_age {maxAge} is under one day: the RFC expects weeks, so that a policy outlives an attacker's interference. Use 604800 (one week) while testing and longer once in enforce.",
                    "RFC 8461 §3.2, §10.2", line, column, maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return null;
        }

        public static Finding? ForMx(MxPattern pattern, int line, int column)
        {
            if (pattern.LooksLikeIpAddress)
            {
                return new Finding(ErrorCodes.MxLooksLikeIp, Severity.Warning,
                    $"mx '{pattern.Value}' looks like an IP address; senders match the MX record's host name, never its address, so this pattern matches nothing real.",
                    "RFC 8461 §4.1", line, column, pattern.Value);
            }

            if (pattern.IsSingleLabel)
            {
                return pattern.IsWildcard
                    ? new Finding(ErrorCodes.MxBroadWildcard, Severity.Warning,
                        $"mx '{pattern.Value}' covers every host under a top-level domain: any host with a valid certificate there could act as your MX. List your own hosts instead.",
                        "RFC 8461 §10.4", line, column, pattern.Value)
                    : new Finding(ErrorCodes.MxSingleLabel, Severity.Warning,
                        $"mx '{pattern.Value}' is a single-label name; MX hosts on the Internet have fully qualified names such as 'mail.example.com'.",
                        "RFC 8461 §3.2", line, column, pattern.Value);
            }

            return null;
        }

        public static Finding NoneWithoutMx(int line, int column) =>
            new Finding(ErrorCodes.NoneWithoutMx, Severity.Warning,
                "The policy is in mode 'none' without mx lines; the RFC allows it, but chasquid then treats the policy as invalid and keeps its cached enforce policy. Keep the mx lines while removing MTA-STS.",
                "RFC 8461 §3.2, §8.3", line, column);
    }
}
