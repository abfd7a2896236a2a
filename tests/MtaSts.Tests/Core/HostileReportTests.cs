using System;
using System.IO;
using System.Linq;
using System.Text;
using MtaSts.Diagnostics;
using MtaSts.TlsRpt;
using Xunit;

namespace MtaSts.Tests.Core
{
    /// <summary>Reports come from anyone who can mail the rua address: counts and dates must not forge a verdict.</summary>
    public class HostileReportTests
    {
        private static readonly DateTimeOffset From = new DateTimeOffset(2016, 3, 25, 0, 0, 0, TimeSpan.Zero);
        private static readonly DateTimeOffset To = new DateTimeOffset(2016, 4, 8, 0, 0, 0, TimeSpan.Zero);

        private static string Example => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "rfc8460-example.json"));

        private static ParseResult<TlsRptReport> Read(string json) => TlsRptReportReader.Read(Encoding.UTF8.GetBytes(json), "forged.json");

        /// <summary>The RFC example with every failed-session-count replaced, and its own report-id.</summary>
        private static string Forged(string failed, string id) =>
            System.Text.RegularExpressions.Regex.Replace(Example, "\"failed-session-count\": *[0-9]+", "\"failed-session-count\": " + failed)
                .Replace("\"5065427c-23d3-47ca-b6e0-946ea0e8c4be\"", "\"" + id + "\"", StringComparison.Ordinal);

        [Theory(DisplayName = "RFC 8460 §4.4: a session count beyond any real day is refused as a whole, naming the field")]
        [InlineData("9223372036854775807")]
        [InlineData("9223372036854775296")]
        [InlineData("1000000000001")]
        public void ACountBeyondTheBoundIsRefused(string count)
        {
            var result = Read(Forged(count, "forged"));
            Assert.Null(result.Value);
            Assert.Equal(ErrorCodes.TlsRptReportInvalid, result.Error!.Code);
            Assert.Contains("failed-session-count", result.Error.Message, StringComparison.Ordinal);
        }

        [Fact(DisplayName = "RFC 8460 §4.4: crafted reports cannot wrap the failure total round to zero and say enforce is safe")]
        public void CraftedReportsCannotForgeReadyForEnforce()
        {
            var real = Read(Example).Value!;
            var crafted = new[] { Forged("9223372036854775807", "a"), Forged("9223372036854775809", "b") }.Select(Read).ToList();
            Assert.All(crafted, r => Assert.Null(r.Value));

            var summary = TlsRptSummary.Summarize(crafted.Where(r => r.Value != null).Select(r => r.Value!).Append(real), From, To).Single();
            Assert.Equal(303, summary.StsFailedSessions);
            Assert.False(summary.ReadyForEnforce);
            Assert.InRange(summary.FailureRate, 0, 1);
        }

        [Fact(DisplayName = "Sums of counts stop at the largest value instead of wrapping")]
        public void SumsSaturate()
        {
            Assert.Equal(long.MaxValue, TlsRptSummary.Accumulator.Sum(long.MaxValue - 1, TlsRptReportReader.MaxSessionCount));
            Assert.Equal(5, TlsRptSummary.Accumulator.Sum(2, 3));
        }

        [Fact(DisplayName = "RFC 8460 §4.4: a reversed date-range is refused with a finding, not dropped in silence")]
        public void AReversedDateRangeIsRefused()
        {
            string reversed = Example.Replace("\"start-datetime\": \"2016-04-01T00:00:00Z\"", "\"start-datetime\": \"2016-04-03T00:00:00Z\"", StringComparison.Ordinal);
            Assert.NotEqual(Example, reversed);
            var result = Read(reversed);
            Assert.Null(result.Value);
            Assert.Contains("date-range", result.Error!.Message, StringComparison.Ordinal);
        }

        [Fact(DisplayName = "RFC 8460 §4.4: the same report delivered twice (.json and .json.gz) is counted once")]
        public void TheSameReportTwiceIsCountedOnce()
        {
            var asJson = TlsRptReportReader.Read(Encoding.UTF8.GetBytes(Example), "report.json").Value!;
            var asGzip = TlsRptReportReader.Read(Encoding.UTF8.GetBytes(Example), "report.json.gz").Value!;
            var other = Read(Forged("1", "another-report")).Value!;
            var summarizer = new TlsRptSummarizer(From, To);

            Assert.True(summarizer.Add(asJson));
            Assert.False(summarizer.Add(asGzip));
            Assert.True(summarizer.Add(other));

            var summary = summarizer.Build().Single();
            Assert.Equal(1, summarizer.DuplicatesDropped);
            Assert.Equal(2, summary.ReportCount);
            Assert.Equal(303 + 3, summary.StsFailedSessions);
        }
    }
}
