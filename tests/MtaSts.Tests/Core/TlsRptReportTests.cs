using System.IO.Compression;
using System.IO;
using System.Linq;
using System.Text;
using System;
using CsCheck;
using MtaSts.Diagnostics;
using MtaSts.Json;
using MtaSts.TlsRpt;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>Reading TLS-RPT reports (RFC 8460 §4, §5) as they are delivered: JSON and gzip.</summary>
    public class TlsRptReportTests
    {
        private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

        private static byte[] Gzip(byte[] data)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(data, 0, data.Length);
            }

            return output.ToArray();
        }

        [Fact(DisplayName = "RFC 8460 Appendix B: the example report reads to the right numbers")]
        public void RfcExample()
        {
            var report = TlsRptReportReader.Read(Fixture("rfc8460-example.json"), "rfc.json").GetValueOrThrow();
            Assert.Equal("Company-X", report.OrganizationName);
            Assert.Equal("5065427c-23d3-47ca-b6e0-946ea0e8c4be", report.ReportId);
            Assert.Equal(new DateTimeOffset(2016, 4, 1, 0, 0, 0, TimeSpan.Zero), report.StartDatetime);
            Assert.Equal(new DateTimeOffset(2016, 4, 1, 23, 59, 59, TimeSpan.Zero), report.EndDatetime);
            Assert.Equal(new[] { "sts-reporting@company-x.example" }, report.ContactInfo);
            var policy = Assert.Single(report.Policies);
            Assert.Equal("sts", policy.PolicyType);
            Assert.Equal("company-y.example", policy.PolicyDomain);
            Assert.Equal(new[] { "*.mail.company-y.example" }, policy.MxHosts);
            Assert.Equal(4, policy.PolicyStrings.Count);
            Assert.Equal(5326, policy.SuccessfulSessionCount);
            Assert.Equal(303, policy.FailureSessionCount);
            Assert.Equal(new[] { 100L, 200L, 3L }, policy.FailureDetails.Select(d => d.FailedSessionCount));
            Assert.Equal(policy.FailureSessionCount, policy.FailureDetails.Sum(d => d.FailedSessionCount));
            var starttls = policy.FailureDetails[1];
            Assert.Equal("starttls-not-supported", starttls.ResultType);
            Assert.Equal("203.0.113.56", starttls.ReceivingIp);
            Assert.StartsWith("https://reports.company-x.example/", starttls.AdditionalInformation);
            Assert.Equal("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED", policy.FailureDetails[2].FailureReasonCode);
            Assert.Equal("rfc.json", report.Source);
        }

        [Fact(DisplayName = "RFC 8460 §4.4: a Google-shaped report (mx-host array, no failures) reads")]
        public void GoogleShaped()
        {
            var report = TlsRptReportReader.Read(Fixture("google-shaped.json")).GetValueOrThrow();
            var policy = Assert.Single(report.Policies);
            Assert.Equal(new[] { "mail.example.com", "*.mail.example.com" }, policy.MxHosts);
            Assert.Equal(1842, policy.SuccessfulSessionCount);
            Assert.Empty(policy.FailureDetails);
        }

        [Fact(DisplayName = "RFC 8460 §4.4: a Microsoft-shaped report (contact-info array, no-policy-found) reads")]
        public void MicrosoftShaped()
        {
            var report = TlsRptReportReader.Read(Fixture("microsoft-shaped.json")).GetValueOrThrow();
            Assert.Equal(new[] { "tlsrpt-noreply@microsoft.com" }, report.ContactInfo);
            Assert.Equal(new[] { "sts", "no-policy-found" }, report.Policies.Select(p => p.PolicyType));
            Assert.Equal("certificate-host-mismatch", report.Policies[0].FailureDetails.Single().ResultType);
            Assert.Empty(report.Policies[1].MxHosts);
        }

        [Theory(DisplayName = "RFC 8460 §5: gzip reports (application/tlsrpt+gzip) read like JSON")]
        [InlineData("rfc8460-example.json")]
        [InlineData("google-shaped.json")]
        [InlineData("microsoft-shaped.json")]
        public void GzipReads(string name)
        {
            var plain = TlsRptReportReader.Read(Fixture(name)).GetValueOrThrow();
            var zipped = TlsRptReportReader.Read(Gzip(Fixture(name))).GetValueOrThrow();
            Assert.Equal(plain.ReportId, zipped.ReportId);
            Assert.Equal(plain.Policies.Sum(p => p.FailureSessionCount), zipped.Policies.Sum(p => p.FailureSessionCount));
        }

        /// <summary>A report mail as RFC 8460 §5.3 describes it: multipart/report with a text part and the report part.</summary>
        internal static byte[] Message(byte[] report, string contentType, string encoding, bool nested = false)
        {
            string encoded = encoding == "base64"
                ? string.Join("\r\n", Enumerable.Range(0, (Convert.ToBase64String(report).Length + 75) / 76).Select(i => Convert.ToBase64String(report).Substring(i * 76, Math.Min(76, Convert.ToBase64String(report).Length - (i * 76)))))
                : Encoding.UTF8.GetString(report);
            string inner =
                "Content-Type: multipart/report; report-type=\"tlsrpt\";\r\n\tboundary=\"inner-boundary\"\r\n\r\n" +
                "--inner-boundary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThis is an aggregate TLS report from reporter.example\r\n" +
                "--inner-boundary\r\nContent-Type: " + contentType + "\r\nContent-Transfer-Encoding: " + encoding + "\r\n" +
                "Content-Disposition: attachment;\r\n filename=\"reporter.example!example.com!1793491200!1793577599.json.gz\"\r\n\r\n" +
                encoded + "\r\n--inner-boundary--\r\n";
            string headers = "Return-Path: <tlsrpt@reporter.example>\r\nFrom: TLS reports <tlsrpt@reporter.example>\r\nTo: tlsrpt@example.com\r\n" +
                "Subject: Report Domain: example.com Submitter: reporter.example Report-ID: <abc@reporter.example>\r\n" +
                "TLS-Report-Domain: example.com\r\nTLS-Report-Submitter: reporter.example\r\nMIME-Version: 1.0\r\n";
            string message = nested
                ? headers + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n" + inner + "--outer--\r\n"
                : headers + inner;
            return Encoding.ASCII.GetBytes(message);
        }

        [Theory(DisplayName = "RFC 8460 §5.3: reports inside mail messages (.eml) read like the files")]
        [InlineData("google-shaped.json", "application/tlsrpt+gzip", "base64", true, false)]
        [InlineData("microsoft-shaped.json", "application/tlsrpt+gzip", "base64", true, true)]
        [InlineData("rfc8460-example.json", "application/tlsrpt+json", "base64", false, false)]
        [InlineData("rfc8460-example.json", "application/tlsrpt+json", "7bit", false, true)]
        [InlineData("google-shaped.json", "application/octet-stream", "base64", true, false)]
        public void MailMessages(string name, string contentType, string encoding, bool gzip, bool nested)
        {
            var plain = TlsRptReportReader.Read(Fixture(name)).GetValueOrThrow();
            var payload = gzip ? Gzip(Fixture(name)) : Fixture(name);
            var fromMail = TlsRptReportReader.Read(Message(payload, contentType, encoding, nested)).GetValueOrThrow();
            Assert.Equal(plain.ReportId, fromMail.ReportId);
            Assert.Equal(plain.Policies.Sum(p => p.SuccessfulSessionCount), fromMail.Policies.Sum(p => p.SuccessfulSessionCount));
        }

        [Fact(DisplayName = "RFC 8460 §5.3: a message without a report part says so")]
        public void MessageWithoutReport() =>
            Assert.Contains("no application/tlsrpt", TlsRptReportReader.Read(Encoding.ASCII.GetBytes("From: reporter@example.net\r\nSubject: Report\r\n\r\nNo report here.\r\n")).Error!.Message);

        [Fact(DisplayName = "RFC 2045 §6.8: characters outside the base64 alphabet are ignored, so the report still reads")]
        public void StrayBase64CharactersIgnored()
        {
            var message = Encoding.ASCII.GetString(Message(Gzip(Fixture("google-shaped.json")), "application/tlsrpt+gzip", "base64"));
            var stray = Encoding.ASCII.GetBytes(message.Replace("\r\n--inner-boundary--", "!!\r\n--inner-boundary--"));
            Assert.Equal("2026-11-01T00:00:00Z_example.com", TlsRptReportReader.Read(stray).GetValueOrThrow().ReportId);
        }

        [Fact(DisplayName = "RFC 8460 §5.3: an attachment cut short is reported, not read as a smaller report")]
        public void TruncatedAttachment()
        {
            var message = Encoding.ASCII.GetString(Message(Gzip(Fixture("google-shaped.json")), "application/tlsrpt+gzip", "base64"));
            int end = message.IndexOf("\r\n--inner-boundary--", StringComparison.Ordinal);
            int start = message.LastIndexOf("\r\n\r\n", end, StringComparison.Ordinal) + 4;
            var truncated = Encoding.ASCII.GetBytes(message.Substring(0, start + ((end - start) / 2)) + message.Substring(end));
            var read = TlsRptReportReader.Read(truncated);
            Assert.Null(read.Value);
            Assert.Equal(ErrorCodes.TlsRptReportInvalid, read.Error!.Code);
        }

        [Fact(DisplayName = "RFC 8460 §4.3: unknown result types are kept")]
        public void UnknownResultTypeKept()
        {
            string json = Encoding.UTF8.GetString(Fixture("rfc8460-example.json")).Replace("certificate-expired", "quantum-decoherence");
            Assert.Equal("quantum-decoherence", TlsRptReportReader.Read(json).GetValueOrThrow().Policies[0].FailureDetails[0].ResultType);
        }

        [Theory(DisplayName = "RFC 8460 §4.4: bad reports give a clear error, never an exception")]
        [InlineData("{\"date-range\":{\"start-datetime\":\"2026-01-01T00:00:00Z\",\"end-datetime\":\"2026-01-02T00:00:00Z\"},\"policies\":{}}", "MUST be an array")]
        [InlineData("{\"policies\":[]}", "date-range")]
        [InlineData("[1,2]", "not an object")]
        [InlineData("{\"a\":1,\"a\":2}", "twice")]
        [InlineData("{\"date-range\":{\"start-datetime\":\"2026-01-01T00:00:00Z\",\"end-datetime\":\"2026-01-02T00:00:00Z\"},\"policies\":[{\"policy\":{\"policy-type\":\"sts\"},\"summary\":{\"total-failure-session-count\":-1}}]}", "whole number")]
        [InlineData("", "truncated")]
        public void BadReports(string json, string expected)
        {
            var result = TlsRptReportReader.Read(json);
            Assert.False(result.Success);
            Assert.Equal(ErrorCodes.TlsRptReportInvalid, result.Error!.Code);
            Assert.Contains(expected, result.Error.Message);
        }

        [Fact(DisplayName = "RFC 8460 §4.4: a truncated report names the place it ends")]
        public void TruncatedReport()
        {
            var bytes = Fixture("rfc8460-example.json");
            var result = TlsRptReportReader.Read(bytes.Take(bytes.Length / 2).ToArray());
            Assert.Contains("truncated", result.Error!.Message);
            Assert.True(result.Error.Line > 1);
            var zipped = Gzip(bytes);
            Assert.False(TlsRptReportReader.Read(zipped.Take(zipped.Length / 2).ToArray()).Success);
        }

        [Fact(DisplayName = "RFC 8460 §5.2: a report that decompresses to over 10 MB is refused")]
        public void GzipBombRefused()
        {
            var bomb = Gzip(new byte[TlsRptReportReader.MaxReportBytes + 1024]);
            Assert.Equal(ErrorCodes.TlsRptReportTooLarge, TlsRptReportReader.Read(bomb).Error!.Code);
        }

        [Fact(DisplayName = "RFC 8259: the JSON parser never throws anything but JsonParseException on random text")]
        public void JsonParserNeverCrashes() =>
            Gen.String[Gen.Char["{}[]\":,0123456789-.eEtrufalsn \\u"], 0, 60].Sample(text =>
            {
                try
                {
                    JsonParser.Parse(text);
                }
                catch (JsonParseException)
                {
                }
            }, iter: 20000);

        [Fact(DisplayName = "RFC 8259: nesting is bounded")]
        public void DeepNesting() =>
            Assert.Throws<JsonParseException>(() => JsonParser.Parse(new string('[', 100000) + new string(']', 100000)));
    }
}
