using System;
using System.IO;
using System.Linq;
using MtaSts.TlsRpt;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>Summaries over many reports: the evidence for switching from testing to enforce (RFC 8461 §5, RFC 8460 §4.3).</summary>
    public class TlsRptSummaryTests
    {
        private static TlsRptReport Load(string name)
        {
            string json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
            return TlsRptReportReader.Read(json).GetValueOrThrow();
        }

        private static readonly DateTimeOffset Nov1 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        [Fact(DisplayName = "RFC 8460 §3: a domain without reports has a no-data summary that is never ready for enforce")]
        public void NoData()
        {
            var summary = TlsRptSummary.NoData("Bücher.Example.", Nov1, Nov1.AddDays(14));
            Assert.Equal("xn--bcher-kva.example", summary.PolicyDomain);
            Assert.Equal(0, summary.ReportCount);
            Assert.Empty(summary.Reporters);
            Assert.False(summary.ReadyForEnforce);
            Assert.Contains("xn--bcher-kva.example", summary.Verdict);
            Assert.Throws<MtaSts.Diagnostics.MtaStsFormatException>(() => TlsRptSummary.NoData("exa mple.com", Nov1, Nov1.AddDays(1)));
        }

        [Fact(DisplayName = "RFC 8460 §4.4: totals per policy domain, by result type and by MX host")]
        public void Totals()
        {
            var reports = new[] { Load("google-shaped.json"), Load("microsoft-shaped.json") };
            var summaries = TlsRptSummary.Summarize(reports, Nov1.AddDays(-1), Nov1.AddDays(3));
            var example = summaries.Single(s => s.PolicyDomain == "example.com");
            Assert.Equal(2, example.ReportCount);
            Assert.Equal(new[] { "Google Inc.", "Microsoft Corporation" }, example.Reporters);
            Assert.Equal(1842 + 977, example.SuccessfulSessions);
            Assert.Equal(12, example.FailedSessions);
            Assert.Equal(12.0 / (1842 + 977 + 12), example.FailureRate, 10);
            Assert.Equal("certificate-host-mismatch", Assert.Single(example.ByResultType).Name);
            var mx = Assert.Single(example.StsFailingMxHosts);
            Assert.Equal("backup.example.net", mx.Name);
            Assert.Equal(12, mx.Sessions);
            Assert.False(example.ReadyForEnforce);
            Assert.Contains("backup.example.net", example.Verdict);
            Assert.Contains("would be refused under enforce", example.Verdict);

            var sub = summaries.Single(s => s.PolicyDomain == "sub.example.com");
            Assert.True(sub.ReadyForEnforce);
            Assert.Contains("looks safe", sub.Verdict);
        }

        [Fact(DisplayName = "RFC 8461 §5: reports outside the period do not count")]
        public void PeriodFilters()
        {
            var reports = new[] { Load("rfc8460-example.json"), Load("google-shaped.json") };
            var summaries = TlsRptSummary.Summarize(reports, Nov1.AddDays(-14), Nov1.AddDays(1));
            Assert.Equal(new[] { "example.com" }, summaries.Select(s => s.PolicyDomain));
            Assert.True(summaries[0].ReadyForEnforce);
        }

        [Fact(DisplayName = "RFC 8460 §4.3: the RFC example's STS failures name every MX host, most failures first")]
        public void RfcExampleFailingHosts()
        {
            var summary = TlsRptSummary.Summarize(new[] { Load("rfc8460-example.json") }, new DateTimeOffset(2016, 3, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 4, 8, 0, 0, 0, TimeSpan.Zero)).Single();
            Assert.Equal(303, summary.StsFailedSessions);
            Assert.Equal(new[] { "mx2.mail.company-y.example", "mx1.mail.company-y.example", "mx-backup.mail.company-y.example" }, summary.StsFailingMxHosts.Select(h => h.Name));
            Assert.Equal(new[] { "starttls-not-supported" }, summary.StsFailingMxHosts[0].ResultTypes);
        }

        [Theory(DisplayName = "RFC 5890 §2.3.2.1: a summary is for its domain whatever the case, final dot or label form")]
        [InlineData("company-y.example", true)]
        [InlineData("COMPANY-Y.example.", true)]
        [InlineData("company-z.example", false)]
        public void IsForComparesDnsNames(string asked, bool expected)
        {
            var summary = TlsRptSummary.Summarize(new[] { Load("rfc8460-example.json") }, new DateTimeOffset(2016, 3, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 4, 8, 0, 0, 0, TimeSpan.Zero)).Single();
            Assert.Equal(expected, summary.IsFor(asked));
        }

        [Fact(DisplayName = "RFC 5890 §2.3.2.1: a U-label and its A-label name the same domain")]
        public void IsForMatchesIdn()
        {
            string json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "rfc8460-example.json"));
            var report = TlsRptReportReader.Read(json.Replace("\"company-y.example\"", "\"xn--bcher-kva.example\"")).GetValueOrThrow();
            var summary = TlsRptSummary.Summarize(new[] { report }, new DateTimeOffset(2016, 3, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2016, 4, 8, 0, 0, 0, TimeSpan.Zero)).Single();
            Assert.True(summary.IsFor("bücher.example"));
        }

        [Fact(DisplayName = "RFC 8460 §3: no reports at all is not a green light")]
        public void NoReports()
        {
            var summarizer = new TlsRptSummarizer(Nov1, Nov1.AddDays(1));
            Assert.Empty(summarizer.Build());
            Assert.False(summarizer.Add(Load("rfc8460-example.json")));
        }
    }
}
