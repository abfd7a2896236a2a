using System;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Checking;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using Xunit;

namespace MtaSts.Tests.Checking
{
    /// <summary>Reading a domain's MX hosts from live DNS to start a policy from (RFC 8461 §3.2).</summary>
    public class LiveMxTests
    {
        private readonly FakeDns dns = new FakeDns();

        [Fact(DisplayName = "RFC 8461 §3.2: the MX hosts come most preferred first, each once, without the trailing dot")]
        public async Task HostsInPreferenceOrder()
        {
            dns.Mx["example.com"] = new[] { new MxRecordData(20, "backup.example.net"), new MxRecordData(10, "mx1.example.com"), new MxRecordData(30, "MX1.example.com") };
            Assert.Equal(new[] { "mx1.example.com", "backup.example.net" }, await Read("Example.COM."));
        }

        [Theory(DisplayName = "RFC 5321 §5.1, RFC 7505 §3: no domain, no MX and a Null MX are errors, never an empty policy")]
        [InlineData("missing.example", ErrorCodes.MxLookupEmpty, "does not exist")]
        [InlineData("nomx.example", ErrorCodes.MxLookupEmpty, "no MX records")]
        [InlineData("nullmx.example", ErrorCodes.NullMx, "Null MX")]
        public async Task NothingToNameIsAnError(string domain, string code, string message)
        {
            dns.Mx["nomx.example"] = Array.Empty<MxRecordData>();
            dns.Mx["nullmx.example"] = new[] { new MxRecordData(0, string.Empty) };
            var ex = await Assert.ThrowsAsync<MtaStsNetworkException>(() => Read(domain));
            Assert.Equal(code, ex.Finding.Code);
            Assert.Contains(message, ex.Message);
        }

        [Fact(DisplayName = "RFC 8461 §3.2: a failed lookup is unknown, never 'no MX'")]
        public async Task FailedLookupIsUnknown()
        {
            dns.Broken.Add("example.com");
            var ex = await Assert.ThrowsAsync<MtaStsNetworkException>(() => Read("example.com"));
            Assert.Equal(ErrorCodes.DnsLookupFailed, ex.Finding.Code);
            Assert.Contains("unknown", ex.Message);
        }

        [Fact(DisplayName = "RFC 8461 §3.2: a resolver that does not answer is a time-out, not bad input")]
        public async Task SilentResolverIsATimeout()
        {
            dns.Silent = true;
            var ex = await Assert.ThrowsAsync<MtaStsTimeoutException>(() => Read("example.com"));
            Assert.IsAssignableFrom<TimeoutException>(ex);
            Assert.Equal(ErrorCodes.DnsLookupFailed, ex.Finding.Code);
            Assert.True(ex.Finding.TimedOut);
        }

        private Task<System.Collections.Generic.IReadOnlyList<string>> Read(string domain) =>
            LiveMx.ReadAsync(domain, new CheckOptions { DnsFactory = _ => dns }, CancellationToken.None);
    }
}
