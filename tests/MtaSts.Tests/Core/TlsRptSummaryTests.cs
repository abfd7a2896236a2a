using System;
using System.IO;
using System.Linq;
using CsCheck;
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

        /// <summary>Evidence thresholds that one report meets, for tests about failures rather than evidence.</summary>
        private static readonly TlsRptEvidence Lenient = new TlsRptEvidence(1, 1, 0, 3660);

        /// <summary>A daily report from <paramref name="organization"/> for example.com, with failures by result type.</summary>
        private static TlsRptReport Daily(string organization, DateTimeOffset day, long successful, params (string Type, string Mta, string Mx, long Count)[] failures) =>
            new TlsRptReport(organization, organization + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), day, day.AddDays(1), Array.Empty<string>(),
                new[]
                {
                    new TlsRptPolicyResult("sts", "example.com", Array.Empty<string>(), Array.Empty<string>(), successful, failures.Sum(f => f.Count),
                        failures.Select(f => new TlsRptFailureDetail(f.Type, f.Mta, f.Mx, null, null, f.Count, null, null)).ToList()),
                },
                null);

        [Fact(DisplayName = "RFC 8461 §5: one reporter on one day is not evidence enough, and the verdict names what is missing")]
        public void ThinEvidenceIsNamed()
        {
            var summary = TlsRptSummary.Summarize(new[] { Daily("Google Inc.", Nov1, 40) }, Nov1.AddDays(-9), Nov1.AddDays(5)).Single();

            Assert.False(summary.ReadyForEnforce);
            Assert.Equal(14, summary.PeriodDays);
            Assert.Equal(1, summary.DaysCovered);
            Assert.Equal(new[]
            {
                "only one reporter (Google Inc.) in 14 day(s), at least 2 wanted",
                "reports cover 1 of 14 day(s), at least 7 wanted",
                "only 40 session(s) seen, at least 100 wanted",
                "no report in the last 4 day(s) (the latest ended 2026-11-02)",
            }, summary.Missing);
            Assert.Contains("too thin", summary.Verdict);
            Assert.Contains("only one reporter (Google Inc.)", summary.Verdict);
        }

        [Fact(DisplayName = "RFC 8461 §5: two reporters over a week, recent and clean, are ready for enforce")]
        public void EnoughEvidenceIsReady()
        {
            var reports = Enumerable.Range(0, 7).SelectMany(d => new[] { Daily("Google Inc.", Nov1.AddDays(d), 20), Daily("Microsoft Corporation", Nov1.AddDays(d), 10) });
            var summary = TlsRptSummary.Summarize(reports, Nov1, Nov1.AddDays(8)).Single();

            Assert.Empty(summary.Missing);
            Assert.Equal(7, summary.DaysCovered);
            Assert.Equal(210, summary.Sessions);
            Assert.True(summary.ReadyForEnforce);
            Assert.Contains("looks safe", summary.Verdict);
        }

        [Fact(DisplayName = "RFC 8461 §5: the thresholds are the caller's, and a minimum of days never exceeds the period")]
        public void ThresholdsAreParameters()
        {
            var reports = new[] { Daily("Google Inc.", Nov1, 500), Daily("Google Inc.", Nov1.AddDays(1), 500) };
            var twoDays = TlsRptSummary.Summarize(reports, Nov1, Nov1.AddDays(2), new TlsRptEvidence(MinimumReporters: 1)).Single();
            Assert.True(twoDays.ReadyForEnforce);
            Assert.Empty(twoDays.Missing);
            Assert.False(TlsRptSummary.Summarize(reports, Nov1, Nov1.AddDays(2), new TlsRptEvidence(MinimumReporters: 1, MinimumSessions: 1001)).Single().ReadyForEnforce);
        }

        [Fact(DisplayName = "RFC 8460 §4.3: failures are broken down by result type with a fix, by MX, by sending MTA and by reporter")]
        public void Breakdowns()
        {
            var reports = new[]
            {
                Daily("Google Inc.", Nov1, 100, ("starttls-not-supported", "203.0.113.5", "mx2.example.com", 3), ("certificate-expired", "203.0.113.5", "mx1.example.com", 1)),
                Daily("Microsoft Corporation", Nov1, 100, ("starttls-not-supported", "198.51.100.7", "mx2.example.com", 2), ("x-vendor-thing", "198.51.100.7", "mx1.example.com", 1)),
            };
            var summary = TlsRptSummary.Summarize(reports, Nov1, Nov1.AddDays(1)).Single();

            var starttls = summary.ByResultType.First();
            Assert.Equal(("starttls-not-supported", 5L), (starttls.Name, starttls.Sessions));
            Assert.Contains("STARTTLS", starttls.Fix);
            Assert.Null(summary.ByResultType.Single(r => r.Name == "x-vendor-thing").Fix);
            Assert.Equal(new[] { ("203.0.113.5", 4L), ("198.51.100.7", 3L) }, summary.BySendingMta.Select(m => (m.Name, m.Sessions)));
            Assert.Equal(new[] { ("Google Inc.", 4L), ("Microsoft Corporation", 3L) }, summary.ByReporter.Select(r => (r.Name, r.Sessions)));
            Assert.Equal(new[] { "certificate-expired", "starttls-not-supported" }, summary.ByReporter[0].ResultTypes);
        }

        [Fact(DisplayName = "RFC 8460 §4.1: one flat row per domain, day and reporter, with a column per result type")]
        public void DailyRows()
        {
            var reports = new[]
            {
                Daily("Google Inc.", Nov1, 100, ("starttls-not-supported", "203.0.113.5", "mx2.example.com", 3), ("sts-policy-fetch-error", "203.0.113.5", "mx1.example.com", 2)),
                Daily("Google Inc.", Nov1.AddDays(1), 90),
                Daily("Microsoft Corporation", Nov1, 50, ("x-vendor-thing", "198.51.100.7", "mx1.example.com", 1)),
            };
            var summarizer = new TlsRptSummarizer(Nov1, Nov1.AddDays(2));
            foreach (var report in reports)
            {
                summarizer.Add(report);
            }

            var days = summarizer.Days();
            Assert.Equal(new[] { ("Google Inc.", 1), ("Microsoft Corporation", 1), ("Google Inc.", 2) }, days.Select(d => (d.Reporter, d.Day.Day)));
            var first = days[0];
            Assert.Equal(("example.com", 1, 100L, 5L, 5L), (first.PolicyDomain, first.ReportCount, first.SuccessfulSessions, first.FailedSessions, first.StsFailedSessions));
            Assert.Equal((3L, 2L, 0L), (first.StarttlsNotSupported, first.StsPolicyFetchError, first.OtherFailures));
            Assert.Equal(1, days[1].OtherFailures);
            Assert.All(typeof(TlsRptDay).GetProperties(), p => Assert.True(p.PropertyType.IsPrimitive || p.PropertyType == typeof(string) || p.PropertyType == typeof(DateTime), p.Name));
            Assert.Equal(TlsRptSummary.Summarize(reports, Nov1, Nov1.AddDays(2)).Single().SuccessfulSessions, days.Sum(d => d.SuccessfulSessions));
        }

        [Fact(DisplayName = "RFC 8460 §4.4: every breakdown adds up to the same failures, and the order the reports arrive in changes nothing")]
        public void TotalsDoNotDependOnOrder()
        {
            var type = Gen.OneOf<string>("starttls-not-supported", "certificate-expired", "sts-policy-fetch-error", "x-other");
            var failure = Gen.Select(type, Gen.Int[1, 3], Gen.Int[1, 3], Gen.Long[0, 50],
                (t, mta, mx, n) => (t, "192.0.2." + mta, "mx" + mx + ".example.com", n));
            var report = Gen.Select(Gen.OneOf<string>("A", "B", "C"), Gen.Int[0, 13], Gen.Long[0, 1000], failure.Array[0, 4],
                (org, day, ok, failures) => Daily(org, Nov1.AddDays(day), ok, failures));
            Gen.Select(report.Array[1, 30], Gen.Int).Sample((reports, seed) =>
            {
                var shuffled = reports.OrderBy(_ => new Random(seed).Next()).ToArray();
                var a = TlsRptSummary.Summarize(reports, Nov1, Nov1.AddDays(14)).Single();
                var b = TlsRptSummary.Summarize(shuffled, Nov1, Nov1.AddDays(14)).Single();
                long details = reports.GroupBy(r => r.ReportId).Select(g => g.First()).SelectMany(r => r.Policies).SelectMany(p => p.FailureDetails).Sum(d => d.FailedSessionCount);
                Assert.Equal(details, a.ByResultType.Sum(r => r.Sessions));
                Assert.Equal(details, a.ByMxHost.Sum(r => r.Sessions));
                Assert.Equal(details, a.BySendingMta.Sum(r => r.Sessions));
                Assert.Equal(details, a.ByReporter.Sum(r => r.Sessions));
                Assert.Equal((a.SuccessfulSessions, a.FailedSessions, a.StsFailedSessions, a.DaysCovered, a.ReportCount), (b.SuccessfulSessions, b.FailedSessions, b.StsFailedSessions, b.DaysCovered, b.ReportCount));
                Assert.Equal(a.ByResultType.Select(r => (r.Name, r.Sessions)), b.ByResultType.Select(r => (r.Name, r.Sessions)));
                Assert.Equal(a.Missing, b.Missing);
                Assert.Equal(a.ReadyForEnforce, b.ReadyForEnforce);
                var summarizer = new TlsRptSummarizer(Nov1, Nov1.AddDays(14));
                foreach (var report in shuffled)
                {
                    summarizer.Add(report);
                }

                var rows = summarizer.Days();
                Assert.Equal(a.SuccessfulSessions, rows.Sum(d => d.SuccessfulSessions));
                Assert.Equal(a.FailedSessions, rows.Sum(d => d.FailedSessions));
                Assert.Equal(a.StsFailedSessions, rows.Sum(d => d.StsFailedSessions));
                Assert.Equal(a.ReportCount, rows.Sum(d => d.ReportCount));
            }, iter: 300);
        }

        [Fact(DisplayName = "RFC 8460 §4.4: a report-id identifies a report within its organisation; one report with two policies for a domain counts once")]
        public void ReportsAreCountedByOrganisationAndId()
        {
            var a = Daily("A", Nov1, 10);
            var sameIdOtherOrg = new TlsRptReport("B", a.ReportId, Nov1, Nov1.AddDays(1), Array.Empty<string>(), a.Policies, null);
            var twoPolicies = new TlsRptReport("C", "c1", Nov1, Nov1.AddDays(1), Array.Empty<string>(),
                new[] { a.Policies[0], new TlsRptPolicyResult("tlsa", "example.com", Array.Empty<string>(), Array.Empty<string>(), 5, 0, Array.Empty<TlsRptFailureDetail>()) },
                null);
            var summary = TlsRptSummary.Summarize(new[] { a, sameIdOtherOrg, a, twoPolicies, twoPolicies }, Nov1, Nov1.AddDays(14), Lenient).Single();
            Assert.Equal(3, summary.ReportCount);
            Assert.Equal(35, summary.SuccessfulSessions);

            var copies = new ReportDeduplicator();
            Assert.True(copies.IsFirst(a));
            Assert.True(copies.IsFirst(sameIdOtherOrg));
            Assert.False(copies.IsFirst(Daily("A", Nov1, 99)));
            Assert.Equal(1, copies.Dropped);
            Assert.Equal(TextHash.Of("A\nx"), TextHash.Of("A\nx"));
            Assert.NotEqual(TextHash.Of("A\nx"), TextHash.Of("A\ny"));
            Assert.NotEqual(TextHash.Of("A\n\uD800"), TextHash.Of("A\n\uD801"));
        }

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
            Assert.False(sub.ReadyForEnforce);
            Assert.Contains("too thin", sub.Verdict);
            Assert.True(TlsRptSummary.Summarize(reports, Nov1.AddDays(-1), Nov1.AddDays(3), Lenient).Single(s => s.PolicyDomain == "sub.example.com").ReadyForEnforce);
        }

        [Fact(DisplayName = "RFC 8461 §5: reports outside the period do not count")]
        public void PeriodFilters()
        {
            var reports = new[] { Load("rfc8460-example.json"), Load("google-shaped.json") };
            var summaries = TlsRptSummary.Summarize(reports, Nov1.AddDays(-14), Nov1.AddDays(1), Lenient);
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
