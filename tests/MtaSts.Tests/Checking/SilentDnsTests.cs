using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Checking;
using Xunit;

namespace MtaSts.Tests.Checking
{
    /// <summary>Runs alone: it bounds a duration, which tests running beside it on two cores would stretch.</summary>
    [CollectionDefinition(nameof(SilentDnsTests), DisableParallelization = true)]
    public sealed class SilentDnsCollection
    {
    }

    /// <summary>A DNS server that takes every question and never answers.</summary>
    [Collection(nameof(SilentDnsTests))]
    public class SilentDnsTests
    {
        [Fact(DisplayName = "RFC 8461 §3.1: a DNS server that never answers gives Unknown within -TimeoutSec plus one second")]
        public async Task ASilentServerCostsOneTimeLimit()
        {
            using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var options = new CheckOptions
            {
                DnsServers = new[] { (IPEndPoint)silent.Client.LocalEndPoint! },
                Timeout = TimeSpan.FromSeconds(2),
            };

            // The first check pays for loading and compiling the checker; the second shows what the time limit allows.
            await MtaStsChecker.CheckAsync("example.net", options, null, CancellationToken.None);
            var check = await MtaStsChecker.CheckAsync("example.com", options, null, CancellationToken.None);

            Assert.Equal(CheckStatus.Unknown, check.Status);
            Assert.True(check.Duration < options.Timeout + TimeSpan.FromSeconds(1), $"the check took {check.Duration}, more than the time limit and a second");
        }
    }
}
