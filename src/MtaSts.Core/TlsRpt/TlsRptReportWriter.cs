using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MtaSts.TlsRpt
{
    /// <summary>
    /// Writes a report back as RFC 8460 §4.4 JSON on one line, the form of a report store: <see cref="TlsRptReportReader"/>
    /// reads it back to the same report, and any tool that reads JSON Lines reads the store. Members the report does
    /// not carry are left out; mx-host, policy-string and contact-info are always arrays.
    /// </summary>
    public static class TlsRptReportWriter
    {
        /// <summary>The report as one line of JSON, without a line end.</summary>
        public static string ToJsonLine(TlsRptReport report)
        {
            var json = new StringBuilder(512);
            json.Append('{');
            Member(json, "organization-name", report.OrganizationName);
            json.Append(",\"date-range\":{\"start-datetime\":");
            Text(json, Time(report.StartDatetime));
            json.Append(",\"end-datetime\":");
            Text(json, Time(report.EndDatetime));
            json.Append("},\"contact-info\":");
            Array(json, report.ContactInfo);
            json.Append(',');
            Member(json, "report-id", report.ReportId);
            json.Append(",\"policies\":[");
            for (int i = 0; i < report.Policies.Count; i++)
            {
                json.Append(i == 0 ? "" : ",");
                Policy(json, report.Policies[i]);
            }

            return json.Append("]}").ToString();
        }

        private static void Policy(StringBuilder json, TlsRptPolicyResult policy)
        {
            json.Append("{\"policy\":{");
            Member(json, "policy-type", policy.PolicyType);
            json.Append(',');
            Member(json, "policy-domain", policy.PolicyDomain);
            json.Append(",\"policy-string\":");
            Array(json, policy.PolicyStrings);
            json.Append(",\"mx-host\":");
            Array(json, policy.MxHosts);
            json.Append("},\"summary\":{\"total-successful-session-count\":").Append(policy.SuccessfulSessionCount.ToString(CultureInfo.InvariantCulture))
                .Append(",\"total-failure-session-count\":").Append(policy.FailureSessionCount.ToString(CultureInfo.InvariantCulture))
                .Append("},\"failure-details\":[");
            for (int i = 0; i < policy.FailureDetails.Count; i++)
            {
                var detail = policy.FailureDetails[i];
                json.Append(i == 0 ? "{" : ",{");
                Member(json, "result-type", detail.ResultType);
                Optional(json, "sending-mta-ip", detail.SendingMtaIp);
                Optional(json, "receiving-mx-hostname", detail.ReceivingMxHostname);
                Optional(json, "receiving-mx-helo", detail.ReceivingMxHelo);
                Optional(json, "receiving-ip", detail.ReceivingIp);
                json.Append(",\"failed-session-count\":").Append(detail.FailedSessionCount.ToString(CultureInfo.InvariantCulture));
                Optional(json, "additional-information", detail.AdditionalInformation);
                Optional(json, "failure-reason-code", detail.FailureReasonCode);
                json.Append('}');
            }

            json.Append("]}");
        }

        /// <summary>UTC with the fraction of a second only when there is one (RFC 3339, as RFC 8460 §4.4 asks).</summary>
        private static string Time(System.DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

        private static void Optional(StringBuilder json, string name, string? value)
        {
            if (value != null)
            {
                json.Append(',');
                Member(json, name, value);
            }
        }

        private static void Member(StringBuilder json, string name, string? value)
        {
            json.Append('"').Append(name).Append("\":");
            if (value == null)
            {
                json.Append("null");
            }
            else
            {
                Text(json, value);
            }
        }

        private static void Array(StringBuilder json, IReadOnlyList<string> values)
        {
            json.Append('[');
            for (int i = 0; i < values.Count; i++)
            {
                json.Append(i == 0 ? "" : ",");
                Text(json, values[i]);
            }

            json.Append(']');
        }

        /// <summary>A JSON string (RFC 8259 §7): quote, backslash and control characters escaped, and any lone surrogate, which UTF-8 cannot carry.</summary>
        private static void Text(StringBuilder json, string value)
        {
            json.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool pairedSurrogate = char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                    : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]);
                if (c == '"' || c == '\\')
                {
                    json.Append('\\').Append(c);
                }
                else if (c < ' ' || (char.IsSurrogate(c) && !pairedSurrogate))
                {
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    json.Append(c);
                }
            }

            json.Append('"');
        }
    }
}
