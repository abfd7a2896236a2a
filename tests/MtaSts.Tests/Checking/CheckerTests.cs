using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using MtaSts.Checking.Transport;
using MtaSts.Checking;
using MtaSts.Diagnostics;
using MtaSts.Records;
using Xunit;

namespace MtaSts.Tests.Checking
{
    /// <summary>The checker's DNS logic (RFC 8461 §3.1, §4.1) and the HTTP rules of §3.2–§3.3 (vectors H01–H10), without a network.</summary>
    public class CheckerTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        [Fact]
        public async Task ATemporaryDnsFailureIsUnknownNeverNoPolicy_Rfc8461Section3_1()
        {
            var dns = new FakeDns();
            dns.Broken.Add("_mta-sts.example.com");
            dns.Broken.Add("mta-sts.example.com");
            dns.Broken.Add("example.com");
            dns.Broken.Add("_smtp._tls.example.com");

            var check = await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);

            Assert.Equal(CheckStatus.Unknown, check.Status);
            Assert.DoesNotContain(check.Findings, f => f.Code == ErrorCodes.TxtRecordMissing);
            Assert.All(check.Findings, f => Assert.Equal(ErrorCodes.DnsLookupFailed, f.Code));
        }

        [Fact]
        public async Task NoTxtRecordAndNoPolicyHostFail_Rfc8461Section3_1()
        {
            var dns = new FakeDns();
            dns.Mx["example.com"] = new[] { new MxRecordData(10, "mail.example.com") };

            var check = await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);

            Assert.Equal(CheckStatus.Fail, check.Status);
            Assert.Contains(check.Findings, f => f.Code == ErrorCodes.TxtRecordMissing && f.Target == "_mta-sts.example.com");
            Assert.Contains(check.Findings, f => f.Code == ErrorCodes.PolicyHostMissing && f.Message.Contains("NXDOMAIN", StringComparison.Ordinal));
            Assert.Contains(check.Findings, f => f.Code == ErrorCodes.TlsRptRecordMissing);
        }

        [Fact]
        public async Task TxtStringsAreJoinedWithoutSpacesAndAnUnrelatedRecordIsNamed_Rfc8461Section3_1()
        {
            var dns = new FakeDns();
            dns.Txt["_mta-sts.example.com"] = new[] { new[] { "v=STSv1; id=2026", "0101" }, new[] { "v=spf1 -all" } };

            var check = await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);

            Assert.Equal("20260101", check.Id);
            Assert.Contains(check.Findings, f => f.Code == ErrorCodes.TxtUnrelatedRecord);
        }

        [Fact]
        public async Task ARecordAtTheApexInsteadOfUnderscoreMtaStsIsPointedOut_Rfc8461Section3_1()
        {
            var dns = new FakeDns();
            dns.Txt["example.com"] = new[] { new[] { "v=spf1 -all" }, new[] { "v=STSv1; id=1" } };

            var check = await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);

            Assert.Contains(check.Findings, f => f.Code == ErrorCodes.TxtRecordMissing);
            var misplaced = Assert.Single(check.Findings, f => f.Code == ErrorCodes.TxtRecordMisplaced);
            Assert.Equal("example.com", misplaced.Target);
            Assert.Contains("_mta-sts.example.com", misplaced.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ATxtTtlOverADayIsAWarning_Rfc8461Section8_1()
        {
            var dns = new FakeDns { TimeToLive = TimeSpan.FromDays(2) };
            dns.Txt["_mta-sts.example.com"] = new[] { new[] { "v=STSv1; id=1" } };

            var check = await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);

            var finding = Assert.Single(check.Findings, f => f.Code == ErrorCodes.TxtTtlLong);
            Assert.Contains("172800", finding.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AnInvalidDomainIsAnErrorNotACrash()
        {
            var check = await MtaStsChecker.CheckAsync("exa mple.com", Options(new FakeDns()), null, CancellationToken.None);
            Assert.Equal(CheckStatus.Fail, check.Status);
            Assert.Equal(ErrorCodes.DomainInvalid, Assert.Single(check.Findings).Code);
        }

        [Theory]
        [InlineData("H01", "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 5\r\n\r\nhello", true, "")]
        [InlineData("H02", "HTTP/1.1 200 OK\r\nContent-Type: Text/Plain\r\nContent-Length: 5\r\n\r\nhello", true, "")]
        [InlineData("H03", "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Length: 5\r\n\r\nhello", true, ErrorCodes.PolicyCharset)]
        [InlineData("H04", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", true, ErrorCodes.PolicyContentType)]
        [InlineData("H05", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello", true, ErrorCodes.PolicyContentType)]
        [InlineData("H06", "HTTP/1.1 301 Moved\r\nLocation: https://www.example.com/.well-known/mta-sts.txt\r\nContent-Length: 0\r\n\r\n", false, ErrorCodes.PolicyRedirect)]
        [InlineData("H07", "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", false, ErrorCodes.PolicyHttpStatus)]
        [InlineData("H08", "HTTP/1.1 204 No Content\r\n\r\n", false, ErrorCodes.PolicyHttpStatus)]
        [InlineData("chunked", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n", true, "")]
        [InlineData("close", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello", true, "")]
        public async Task HttpAnswersAreJudgedAsStrictSendersDo_Rfc8461Section3_3(string vector, string response, bool usable, string code)
        {
            var (ok, findings, body) = await Judge(response);
            Assert.True(usable == ok, vector);
            Assert.Equal(code.Length == 0 ? Array.Empty<string>() : new[] { code }, findings.Select(f => f.Code));
            if (ok)
            {
                Assert.Equal("hello", body);
            }
        }

        [Fact]
        public async Task H10_ABodyOver64KiBIsNotRead_Rfc8461Section3_3()
        {
            var (ok, findings, _) = await Judge("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 70000\r\n\r\n" + new string('a', 70000));
            Assert.False(ok);
            Assert.Equal(ErrorCodes.PolicyTooLarge, Assert.Single(findings).Code);
        }

        [Fact]
        public void TheStateStoreRoundTripsThroughJson_Rfc8461Section3_1()
        {
            var store = new PolicyStateStore();
            store.Set("example.com", new PolicyState("20260101", new string('a', 64), Now));
            var again = PolicyStateStore.FromJson(store.ToJson());
            Assert.Equal("20260101", again.Get("EXAMPLE.com")!.Id);
            Assert.Equal(Now, again.Get("example.com")!.Seen);
            Assert.Null(again.Get("example.net"));
            Assert.Throws<FormatException>(() => PolicyStateStore.FromJson("{\"domains\": {\"a.example\": {\"id\": \"1\"}}}"));
        }

        [Fact]
        public void ASaveMergesWithWhatAnotherRunSavedMeanwhile()
        {
            // Both runs read an empty file; the other saved first. Its domain stays, this run's domains are added, and
            // for a domain both saw, the later sighting wins.
            var mine = new PolicyStateStore();
            mine.Set("a.example", new PolicyState("1", new string('a', 64), Now));
            mine.Set("both.example", new PolicyState("old", new string('b', 64), Now));
            var saved = new PolicyStateStore();
            saved.Set("b.example", new PolicyState("2", new string('c', 64), Now));
            saved.Set("both.example", new PolicyState("new", new string('d', 64), Now.AddMinutes(1)));

            var merged = PolicyStateStore.FromJson(mine.MergedInto(PolicyStateStore.FromJson(saved.ToJson())).ToJson());

            Assert.Equal("1", merged.Get("a.example")!.Id);
            Assert.Equal("2", merged.Get("b.example")!.Id);
            Assert.Equal("new", merged.Get("both.example")!.Id);
        }

        [Fact]
        public void ASaveKeepsOnlyWhatThisRunSawOverTheFile()
        {
            // A domain this run only read from the file must not overwrite a newer state another run saved for it.
            var old = new PolicyStateStore();
            old.Set("c.example", new PolicyState("old", new string('a', 64), Now));
            var mine = PolicyStateStore.FromJson(old.ToJson());
            var saved = new PolicyStateStore();
            saved.Set("c.example", new PolicyState("new", new string('b', 64), Now.AddMinutes(-5)));

            Assert.Equal("new", mine.MergedInto(saved).Get("c.example")!.Id);
        }

        private static async Task<(bool Ok, System.Collections.Generic.List<Finding> Findings, string Body)> Judge(string response)
        {
            var stream = new ScriptedStream(Encoding.ASCII.GetBytes(response));
            var parsed = await HttpResponse.GetAsync(stream, "mta-sts.example.com", "/.well-known/mta-sts.txt", 65536, CancellationToken.None);
            var context = new CheckContext(Options(new FakeDns()));
            var result = new PolicyFetchResult("https://mta-sts.example.com/.well-known/mta-sts.txt") { ContentType = parsed.Header("Content-Type"), Location = parsed.Header("Location") };
            bool ok = PolicyFetcher.CheckResponse(parsed, result, context);
            Assert.StartsWith("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: mta-sts.example.com\r\n", stream.Written, StringComparison.Ordinal);
            return (ok, context.Findings, Encoding.ASCII.GetString(parsed.Body));
        }

        private static CheckOptions Options(FakeDns dns) => new CheckOptions { DnsFactory = _ => dns, Clock = Clock.Fixed(Now), Timeout = TimeSpan.FromSeconds(1) };

        /// <summary>Reads a canned response and keeps what was written.</summary>
        private sealed class ScriptedStream : MemoryStream
        {
            private readonly StringBuilder written = new StringBuilder();

            public ScriptedStream(byte[] response)
                : base(response)
            {
            }

            public string Written => written.ToString();

            public override void Write(byte[] buffer, int offset, int count) => written.Append(Encoding.ASCII.GetString(buffer, offset, count));

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                Write(buffer, offset, count);
                return Task.CompletedTask;
            }
        }
    }
}
