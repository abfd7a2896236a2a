using System.Collections.Generic;
using System.Globalization;
using System.IO.Compression;
using System.IO;
using System.Text;
using System;
using MtaSts.Diagnostics;
using MtaSts.Json;
using MtaSts.Resources;

namespace MtaSts.TlsRpt
{
    /// <summary>
    /// Reads TLS-RPT reports as they are delivered over HTTPS or inside mail: JSON (application/tlsrpt+json),
    /// gzip of JSON (application/tlsrpt+gzip, recognised by its 1f 8b magic bytes), or a whole mail message
    /// carrying either as a MIME part (RFC 8460 §5, §6.4–6.5).
    /// Parsing is lenient where reporters differ (a string or an array for mx-host and contact-info, unknown
    /// result types kept) and strict about what the numbers need (RFC 8460 §4.4).
    /// </summary>
    public static class TlsRptReportReader
    {
        /// <summary>
        /// The most sessions one count may report: far above any day of any sender, and low enough that the counts of
        /// millions of reports add up without overflow. A larger count is a forged report, refused as a whole.
        /// </summary>
        public const long MaxSessionCount = 1_000_000_000_000;

        /// <summary>Receivers commonly cap reports at about 10 MB (RFC 8460 §5.2); larger input is refused.</summary>
        public const int MaxReportBytes = 10 * 1024 * 1024;

        private const string Section = "RFC 8460 §4.4";
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>Reads one report from bytes as delivered (JSON or gzip).</summary>
        public static ParseResult<TlsRptReport> Read(byte[] data, string? source = null)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            if (MimeReportExtractor.LooksLikeMessage(data))
            {
                var part = MimeReportExtractor.Extract(data, out string? mimeProblem);
                if (part == null)
                {
                    return Fail(ErrorCodes.TlsRptReportInvalid, mimeProblem!, 0, 0, source);
                }

                data = part;
            }

            byte[] json = data;
            if (data.Length >= 2 && data[0] == 0x1F && data[1] == 0x8B)
            {
                string? problem = Gunzip(data, out json, out bool tooLarge);
                if (problem != null)
                {
                    return Fail(ErrorCodes.TlsRptReportInvalid, problem, 0, 0, source);
                }

                if (tooLarge)
                {
                    return Fail(ErrorCodes.TlsRptReportTooLarge, Messages.Format("ReportDecompressesTooLarge", MaxReportBytes / (1024 * 1024)), 0, 0, source);
                }
            }

            if (json.Length > MaxReportBytes)
            {
                return Fail(ErrorCodes.TlsRptReportTooLarge, Messages.Format("ReportTooLarge", MaxReportBytes / (1024 * 1024)), 0, 0, source);
            }

            string text;
            try
            {
                int skip = json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF ? 3 : 0;
                text = StrictUtf8.GetString(json, skip, json.Length - skip);
            }
            catch (DecoderFallbackException ex)
            {
                return Fail(ErrorCodes.TlsRptReportInvalid, Messages.Format("ReportNotUtf8", ex.Index), 0, 0, source);
            }

            return Read(text, source);
        }

        /// <summary>Reads one report from JSON text.</summary>
        public static ParseResult<TlsRptReport> Read(string json, string? source = null)
        {
            JsonValue root;
            try
            {
                root = JsonParser.Parse(json ?? throw new ArgumentNullException(nameof(json)));
            }
            catch (JsonParseException ex)
            {
                return Fail(ErrorCodes.TlsRptReportInvalid, Messages.Format("ReportNotJson", ex.Reason), ex.Line, ex.Column, source);
            }

            try
            {
                return new ParseResult<TlsRptReport>(ReadReport(root, source), null, null);
            }
            catch (ReportShapeException ex)
            {
                return Fail(ErrorCodes.TlsRptReportInvalid, ex.Message, 0, 0, source);
            }
        }

        private static TlsRptReport ReadReport(JsonValue root, string? source)
        {
            if (root.Kind != JsonKind.Object)
            {
                throw new ReportShapeException(Messages.Get("ReportNotObject"));
            }

            var range = Member(root, "date-range", JsonKind.Object, required: true)!;
            var start = Time(range, "start-datetime");
            var end = Time(range, "end-datetime");
            if (end < start)
            {
                // RFC 8460 §4.4: the report covers start-datetime to end-datetime; a reversed range covers nothing.
                throw new ReportShapeException(Messages.Format("ReportDateRangeReversed", Format(start), Format(end)));
            }

            var policiesValue = Member(root, "policies", JsonKind.Array, required: true)!;
            var policies = new List<TlsRptPolicyResult>();
            int index = 0;
            foreach (var item in policiesValue.Items!)
            {
                policies.Add(ReadPolicy(item, index++));
            }

            return new TlsRptReport(
                Text(root, "organization-name"),
                Text(root, "report-id"),
                start,
                end,
                Strings(root, "contact-info"),
                policies,
                source);
        }

        private static TlsRptPolicyResult ReadPolicy(JsonValue item, int index)
        {
            string where = $"policies[{index}]";
            if (item.Kind != JsonKind.Object)
            {
                throw new ReportShapeException(Messages.Format("ReportItemNotObject", where));
            }

            var policy = Member(item, "policy", JsonKind.Object, required: true, where)!;
            string policyType = Text(policy, "policy-type") ?? throw new ReportShapeException(Messages.Format("ReportNoPolicyType", where));
            var summary = Member(item, "summary", JsonKind.Object, required: true, where)!;
            var details = new List<TlsRptFailureDetail>();
            var detailsValue = Member(item, "failure-details", JsonKind.Array, required: false, where);
            if (detailsValue != null)
            {
                int detailIndex = 0;
                foreach (var detail in detailsValue.Items!)
                {
                    details.Add(ReadFailure(detail, $"{where}.failure-details[{detailIndex++}]"));
                }
            }

            return new TlsRptPolicyResult(
                policyType,
                Text(policy, "policy-domain"),
                Strings(policy, "policy-string"),
                Strings(policy, "mx-host"),
                Count(summary, "total-successful-session-count", $"{where}.summary"),
                Count(summary, "total-failure-session-count", $"{where}.summary"),
                details);
        }

        private static TlsRptFailureDetail ReadFailure(JsonValue detail, string where)
        {
            if (detail.Kind != JsonKind.Object)
            {
                throw new ReportShapeException(Messages.Format("ReportItemNotObject", where));
            }

            return new TlsRptFailureDetail(
                Text(detail, "result-type") ?? throw new ReportShapeException(Messages.Format("ReportNoResultType", where)),
                Text(detail, "sending-mta-ip"),
                Text(detail, "receiving-mx-hostname"),
                Text(detail, "receiving-mx-helo"),
                Text(detail, "receiving-ip"),
                Count(detail, "failed-session-count", where),
                Text(detail, "additional-information"),
                Text(detail, "failure-reason-code"));
        }

        private static JsonValue? Member(JsonValue parent, string name, JsonKind kind, bool required, string? where = null)
        {
            var value = parent[name];
            string path = where == null ? name : where + "." + name;
            if (value == null || value.Kind == JsonKind.Null)
            {
                if (required)
                {
                    throw new ReportShapeException(Messages.Format("ReportMemberMissing", path));
                }

                return null;
            }

            if (value.Kind != kind)
            {
                throw new ReportShapeException(Messages.Format(name == "policies" ? "ReportPoliciesKind" : "ReportMemberKind", path, Article(value.Kind), Article(kind)));
            }

            return value;
        }

        private static string? Text(JsonValue parent, string name)
        {
            var value = parent[name];
            return value == null || value.Kind == JsonKind.Null ? null : value.Kind == JsonKind.String || value.Kind == JsonKind.Number ? value.Text : value.ToString();
        }

        /// <summary>A string or an array of strings, as reporters write mx-host and contact-info either way.</summary>
        private static IReadOnlyList<string> Strings(JsonValue parent, string name)
        {
            var value = parent[name];
            if (value == null || value.Kind == JsonKind.Null)
            {
                return Array.Empty<string>();
            }

            if (value.Kind != JsonKind.Array)
            {
                return new[] { value.ToString() };
            }

            var strings = new List<string>(value.Items!.Count);
            foreach (var item in value.Items)
            {
                strings.Add(item.ToString());
            }

            return strings;
        }

        private static long Count(JsonValue parent, string name, string where)
        {
            var value = parent[name];
            if (value == null || value.Kind == JsonKind.Null)
            {
                return 0;
            }

            if (!value.TryGetInt64(out long count) || count < 0)
            {
                throw new ReportShapeException(Messages.Format("ReportCountInvalid", where + "." + name, value));
            }

            if (count > MaxSessionCount)
            {
                throw new ReportShapeException(Messages.Format("ReportCountTooLarge", where + "." + name, count, MaxSessionCount));
            }

            return count;
        }

        private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static DateTimeOffset Time(JsonValue range, string name)
        {
            string? text = Text(range, name);
            if (text == null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                throw new ReportShapeException(text == null ? Messages.Format("ReportDateMissing", name) : Messages.Format("ReportDateInvalid", name, text));
            }

            return time;
        }

        private static string? Gunzip(byte[] data, out byte[] json, out bool tooLarge)
        {
            json = Array.Empty<byte>();
            tooLarge = false;
            try
            {
                using (var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress))
                using (var output = new MemoryStream())
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        output.Write(buffer, 0, read);
                        if (output.Length > MaxReportBytes)
                        {
                            tooLarge = true;
                            return null;
                        }
                    }

                    json = output.ToArray();
                    return null;
                }
            }
            catch (InvalidDataException ex)
            {
                return Messages.Format("ReportGzipDamaged", ex.Message);
            }
        }

        private static string Article(JsonKind kind) => kind switch
        {
            JsonKind.Object => Messages.Get("JsonKindObject"),
            JsonKind.Array => Messages.Get("JsonKindArray"),
            JsonKind.String => Messages.Get("JsonKindString"),
            JsonKind.Number => Messages.Get("JsonKindNumber"),
            JsonKind.Null => Messages.Get("JsonKindNull"),
            _ => Messages.Get("JsonKindBoolean"),
        };

        private static ParseResult<TlsRptReport> Fail(string code, string message, int line, int column, string? source) =>
            new ParseResult<TlsRptReport>(null, new Finding(code, Severity.Error, message, Section, line, column, source), null);

        /// <summary>Valid JSON that is not shaped like a report.</summary>
        private sealed class ReportShapeException : Exception
        {
            public ReportShapeException(string message)
                : base(message)
            {
            }
        }
    }
}
