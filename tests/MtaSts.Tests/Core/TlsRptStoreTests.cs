using System;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using MtaSts.TlsRpt;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>The report store's line format: RFC 8460 §4.4 JSON on one line, written and read back unchanged.</summary>
    public class TlsRptStoreTests
    {
        private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

        /// <summary>Everything a report carries, as text, so that two reports can be compared whole.</summary>
        private static string Describe(TlsRptReport report) =>
            string.Join("|", report.OrganizationName, report.ReportId, report.StartDatetime.ToString("o"), report.EndDatetime.ToString("o"),
                string.Join(",", report.ContactInfo)) + "\n" + string.Join("\n", report.Policies.Select(p =>
                string.Join("|", p.PolicyType, p.PolicyDomain, string.Join(",", p.PolicyStrings), string.Join(",", p.MxHosts), p.SuccessfulSessionCount,
                    p.FailureSessionCount) + ":" + string.Join(";", p.FailureDetails.Select(d => string.Join("|", d.ResultType, d.SendingMtaIp,
                    d.ReceivingMxHostname, d.ReceivingMxHelo, d.ReceivingIp, d.FailedSessionCount, d.AdditionalInformation, d.FailureReasonCode)))));

        [Theory(DisplayName = "RFC 8460 §4.4: a report written as a store line reads back to the same report")]
        [InlineData("rfc8460-example.json")]
        [InlineData("google-shaped.json")]
        [InlineData("microsoft-shaped.json")]
        public void FixtureRoundTrips(string name)
        {
            var report = TlsRptReportReader.Read(Fixture(name)).Value!;
            string line = TlsRptReportWriter.ToJsonLine(report);
            Assert.DoesNotContain('\n', line);
            Assert.Equal(Describe(report), Describe(TlsRptReportReader.Read(line).Value!));
        }

        [Fact(DisplayName = "RFC 8259 §7: any text a report carries, quotes, controls, non-ASCII and lone surrogates included, survives a store line")]
        public void AnyTextRoundTrips()
        {
            var text = Gen.String[Gen.Char, 0, 20];
            var time = Gen.Long[0, 4_000_000_000_000_000].Select(ticks => new DateTimeOffset(new DateTime(630_000_000_000_000_000 + ticks, DateTimeKind.Utc)));
            var detail = Gen.Select(text, text, Gen.Long[0, TlsRptReportReader.MaxSessionCount], text.Null(), text.Null())
                .Select((type, ip, count, info, code) => new TlsRptFailureDetail(type, ip, null, null, null, count, info, code));
            var policy = Gen.Select(text, text.Null(), text.Array[0, 3], detail.Array[0, 3], Gen.Long[0, 1000])
                .Select((type, domain, strings, details, successful) =>
                    new TlsRptPolicyResult(type, domain, strings, strings.Reverse().ToArray(), successful, details.Sum(d => d.FailedSessionCount) % 1000, details));
            var report = Gen.Select(text.Null(), text.Null(), time, text.Array[0, 2], policy.Array[0, 3])
                .Select((organization, id, start, contact, policies) => new TlsRptReport(organization, id, start, start.AddDays(1), contact, policies, null));
            report.Sample(original =>
            {
                string line = TlsRptReportWriter.ToJsonLine(original);
                var read = TlsRptReportReader.Read(Encoding.UTF8.GetBytes(line));
                Assert.True(read.Value != null, read.Error?.Message + " in " + line);
                Assert.Equal(Describe(original), Describe(read.Value!));
                Assert.DoesNotContain('\n', line);
            }, iter: 500);
        }

        [Fact(DisplayName = "JSON Lines: lines are numbered, a last line without its end is read, blank lines are marked")]
        public void LinesAreNumbered()
        {
            var lines = ReportLines.Read(new MemoryStream(Encoding.ASCII.GetBytes("{}\r\n\n  \n{\"a\":1}")), 100).ToList();
            Assert.Equal(new[] { 1, 2, 3, 4 }, lines.Select(l => l.Number));
            Assert.Equal(new[] { false, true, true, false }, lines.Select(l => l.IsBlank));
            Assert.Equal("{\"a\":1}", Encoding.ASCII.GetString(lines[3].Bytes!));
        }

        [Fact(DisplayName = "RFC 8460 §5.2: a line past the cap is skipped to its end without being kept, and the next line is read")]
        public void OverlongLineIsSkipped()
        {
            var data = new byte[300_000];
            data.AsSpan().Fill((byte)'x');
            data[200_000] = (byte)'\n';
            var lines = ReportLines.Read(new MemoryStream(data), 1000).ToList();
            Assert.Equal(2, lines.Count);
            Assert.Null(lines[0].Bytes);
            Assert.Null(lines[1].Bytes);
            var after = ReportLines.Read(new MemoryStream(Encoding.ASCII.GetBytes(new string('x', 5000) + "\nok\n")), 1000).ToList();
            Assert.Null(after[0].Bytes);
            Assert.Equal("ok", Encoding.ASCII.GetString(after[1].Bytes!));
            Assert.Equal(2, after.Count);
        }
    }
}
