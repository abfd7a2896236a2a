using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Checking;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using MtaSts.Records;
using Xunit;

namespace MtaSts.Tests.Checking
{
    /// <summary>
    /// Which questions a check waits for one after another, counted at a fake resolver: only what a sender must wait
    /// for is sequential, everything independent is asked at once, and the findings keep one order however the
    /// answers arrive.
    /// </summary>
    public class ConcurrencyTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        [Fact]
        public async Task TheFullCheckAsksTxtAddressesMxAndTlsRptAtOnce_Rfc8461Section3_3()
        {
            var dns = Deployment();
            dns.Hold = 5;

            await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);

            Assert.Equal(new[] { "A mta-sts.example.com", "AAAA mta-sts.example.com", "MX example.com", "TXT _mta-sts.example.com", "TXT _smtp._tls.example.com" },
                dns.Asked.OrderBy(q => q, StringComparer.Ordinal));
            Assert.Equal(5, dns.MostInFlight);
        }

        [Fact]
        public async Task ThePolicyLookupAsksTxtAndBothAddressFamiliesAtOnce_Rfc8461Section3_3()
        {
            var dns = Deployment();
            dns.Hold = 3;

            await MtaStsChecker.GetPolicyAsync("example.com", Options(dns), CancellationToken.None);

            Assert.Equal(new[] { "A mta-sts.example.com", "AAAA mta-sts.example.com", "TXT _mta-sts.example.com" }, dns.Asked.OrderBy(q => q, StringComparer.Ordinal));
            Assert.Equal(3, dns.MostInFlight);
        }

        [Fact]
        public async Task FindingsKeepTheirOrderWhateverOrderTheAnswersArriveIn()
        {
            var sequential = await MtaStsChecker.CheckAsync("example.com", Options(Deployment()), null, CancellationToken.None);
            var held = Deployment();
            held.Hold = 5;
            var together = await MtaStsChecker.CheckAsync("example.com", Options(held), null, CancellationToken.None);

            Assert.NotEmpty(sequential.Findings);
            Assert.Equal(sequential.Findings.Select(f => f.Code + " " + f.Target), together.Findings.Select(f => f.Code + " " + f.Target));
            Assert.Equal(sequential.Log, together.Log);
        }

        [Fact]
        public async Task WhenNoResolverAnswersEveryQuestionWaitsTheSameTimeOnceAndOnlyTheTxtFailureIsReported()
        {
            var dns = new FakeDns { Silent = true, Hold = 5 };

            var check = await MtaStsChecker.CheckAsync("example.com", Options(dns), null, CancellationToken.None);

            Assert.Equal(CheckStatus.Unknown, check.Status);
            var finding = Assert.Single(check.Findings);
            Assert.Equal(ErrorCodes.DnsLookupFailed, finding.Code);
            Assert.True(finding.TimedOut);
            Assert.Equal(dns.Questions, dns.MostInFlight);
        }

        [Fact]
        public async Task TheConnectionStartsOnTheFirstAddressFamilyToAnswer_Rfc8461Section3_3()
        {
            var dns = new OneSlowFamily(AddressFamily.InterNetwork);
            var lookup = HostAddressLookup.Start(dns, "mta-sts.example.com", CancellationToken.None);

            var first = await lookup.FirstAsync();

            Assert.Equal(IPAddress.IPv6Loopback, first);
            Assert.False(dns.SlowAnswered);
            dns.Release();
            var all = await lookup.AllAsync();
            Assert.Equal(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }, all.Records);
        }

        [Fact]
        public async Task NoAddressInEitherFamilyIsNoDataAndNxDomainWins()
        {
            var dns = new FakeDns();
            dns.Addresses["host.example.com"] = Array.Empty<IPAddress>();

            Assert.Null(await HostAddressLookup.Start(dns, "host.example.com", CancellationToken.None).FirstAsync());
            Assert.Equal(DnsLookupStatus.NoData, (await HostAddressLookup.AllAsync(dns, "host.example.com", CancellationToken.None)).Status);
            Assert.Equal(DnsLookupStatus.NxDomain, (await HostAddressLookup.AllAsync(dns, "missing.example.com", CancellationToken.None)).Status);
        }

        [Fact]
        public async Task ARunAsksAQuestionOnceWhileItIsOnItsWay()
        {
            var dns = Deployment();
            dns.Hold = 3;
            var shared = new SharedDnsLookup(dns, CancellationToken.None);

            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shared.MxAsync("example.com", CancellationToken.None)));

            Assert.Single(dns.Asked);
            Assert.All(answers, a => Assert.Equal("mx.example.com", Assert.Single(a.Records).Host));
        }

        [Fact]
        public async Task ARunKeepsAFoundAnswerForItsTtl_Rfc1035Section3_2_1()
        {
            var dns = Deployment();
            dns.TimeToLive = TimeSpan.FromMinutes(5);
            var shared = new SharedDnsLookup(dns, CancellationToken.None);

            await shared.AddressesAsync("mta-sts.example.com", AddressFamily.InterNetwork, CancellationToken.None);
            await shared.AddressesAsync("MTA-STS.example.com", AddressFamily.InterNetwork, CancellationToken.None);
            await shared.AddressesAsync("mta-sts.example.com", AddressFamily.InterNetworkV6, CancellationToken.None);

            Assert.Equal(new[] { "A mta-sts.example.com", "AAAA mta-sts.example.com" }, dns.Asked);
        }

        [Fact]
        public async Task ARunAsksAgainWhenTheTtlIsZeroOrTheAnswerIsNegativeOrFailed()
        {
            var dns = Deployment();
            dns.TimeToLive = TimeSpan.Zero;
            dns.Broken.Add("broken.example.com");
            var shared = new SharedDnsLookup(dns, CancellationToken.None);

            foreach (string name in new[] { "example.com", "missing.example.com", "broken.example.com" })
            {
                await shared.MxAsync(name, CancellationToken.None);
                await shared.MxAsync(name, CancellationToken.None);
            }

            Assert.Equal(6, dns.Questions);
        }

        [Fact]
        public async Task OneCheckGivingUpDoesNotCancelTheQuestionAnotherWaitsFor()
        {
            var dns = Deployment();
            dns.Hold = 2;
            var shared = new SharedDnsLookup(dns, CancellationToken.None);
            using var givingUp = new CancellationTokenSource();

            var abandoned = shared.TxtAsync("_mta-sts.example.com", givingUp.Token);
            var waited = shared.TxtAsync("_mta-sts.example.com", CancellationToken.None);
            givingUp.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
            Assert.Equal(DnsLookupStatus.Found, (await waited).Status);
            Assert.Single(dns.Asked);
        }

        [Fact]
        public async Task TheRunCacheIsBoundedAndPassesQuestionsThroughWhenFull()
        {
            var dns = Deployment();
            dns.TimeToLive = TimeSpan.FromMinutes(5);
            var shared = new SharedDnsLookup(dns, CancellationToken.None);
            for (int i = 0; i < SharedDnsLookup.MaxEntries; i++)
            {
                dns.Mx["d" + i + ".example"] = new[] { new MxRecordData(10, "mx.example.com") };
                await shared.MxAsync("d" + i + ".example", CancellationToken.None);
            }

            await shared.MxAsync("example.com", CancellationToken.None);
            await shared.MxAsync("example.com", CancellationToken.None);

            Assert.Equal(SharedDnsLookup.MaxEntries + 2, dns.Questions);
        }

        /// <summary>A domain with every record in place; its policy host refuses connections (no HTTPS server here).</summary>
        private static FakeDns Deployment()
        {
            var dns = new FakeDns();
            dns.Txt["_mta-sts.example.com"] = new[] { new[] { "v=STSv1; id=20260601000000Z" } };
            dns.Txt["_smtp._tls.example.com"] = new[] { new[] { "v=TLSRPTv1; rua=mailto:tlsrpt@example.com" } };
            dns.Mx["example.com"] = new[] { new MxRecordData(10, "mx.example.com") };
            dns.Addresses["mta-sts.example.com"] = new[] { IPAddress.Loopback };
            return dns;
        }

        private static CheckOptions Options(FakeDns dns) =>
            new CheckOptions { DnsFactory = _ => dns, Clock = Clock.Fixed(Now), Timeout = TimeSpan.FromSeconds(2), HttpsPort = ClosedPort() };

        /// <summary>A loopback port nothing listens on: connections are refused at once.</summary>
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>Answers one address family at once and holds the other until released.</summary>
        private sealed class OneSlowFamily : IDnsLookup
        {
            private readonly AddressFamily slow;
            private readonly TaskCompletionSource<DnsAnswer<IPAddress>> held = new TaskCompletionSource<DnsAnswer<IPAddress>>(TaskCreationOptions.RunContinuationsAsynchronously);

            public OneSlowFamily(AddressFamily slow) => this.slow = slow;

            public bool SlowAnswered => held.Task.IsCompleted;

            public void Release() => held.SetResult(Found(slow));

            public Task<DnsAnswer<IPAddress>> AddressesAsync(string name, AddressFamily family, CancellationToken cancellationToken) =>
                family == slow ? held.Task : Task.FromResult(Found(family));

            public Task<DnsAnswer<IReadOnlyList<string>>> TxtAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();

            public Task<DnsAnswer<MxRecordData>> MxAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();

            public Task<DnsAnswer<TlsaRecordData>> TlsaAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();

            private static DnsAnswer<IPAddress> Found(AddressFamily family) =>
                new DnsAnswer<IPAddress>(DnsLookupStatus.Found, new[] { family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback });
        }
    }
}
