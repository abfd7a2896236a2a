using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Checking.Transport
{
    /// <summary>
    /// A host's A and AAAA questions, asked at once (RFC 8305 §3: both queries go out together), so that a
    /// connection can start on the first address to arrive while the other answer is still on its way.
    /// </summary>
    internal sealed class HostAddressLookup
    {
        private readonly Task<DnsAnswer<IPAddress>> v4;
        private readonly Task<DnsAnswer<IPAddress>> v6;

        private HostAddressLookup(Task<DnsAnswer<IPAddress>> v4, Task<DnsAnswer<IPAddress>> v6)
        {
            this.v4 = v4;
            this.v6 = v6;
        }

        /// <summary>Sends both questions now.</summary>
        public static HostAddressLookup Start(IDnsLookup dns, string host, CancellationToken cancellationToken) =>
            new HostAddressLookup(dns.AddressesAsync(host, AddressFamily.InterNetwork, cancellationToken), dns.AddressesAsync(host, AddressFamily.InterNetworkV6, cancellationToken));

        /// <summary>Both answers as one: every address, IPv4 first.</summary>
        public static async Task<DnsAnswer<IPAddress>> AllAsync(IDnsLookup dns, string host, CancellationToken cancellationToken) =>
            await Start(dns, host, cancellationToken).AllAsync().ConfigureAwait(false);

        /// <summary>
        /// The first address of whichever answer arrives first with addresses (IPv4 when both are in); null when
        /// neither has one.
        /// </summary>
        public async Task<IPAddress?> FirstAsync()
        {
            await Task.WhenAny(v4, v6).ConfigureAwait(false);
            foreach (var answer in new[] { v4, v6 })
            {
                if (answer.IsCompleted && (await answer.ConfigureAwait(false)).Records is { Count: > 0 } records)
                {
                    return records[0];
                }
            }

            // The first answer in had no address: the other one decides.
            foreach (var answer in new[] { v4, v6 })
            {
                if ((await answer.ConfigureAwait(false)).Records is { Count: > 0 } records)
                {
                    return records[0];
                }
            }

            return null;
        }

        /// <summary>
        /// Both answers as one. Addresses in either make it Found; otherwise NXDOMAIN from either, then a failure
        /// from either (the answer is unknown), else NODATA.
        /// </summary>
        public async Task<DnsAnswer<IPAddress>> AllAsync()
        {
            var a = await v4.ConfigureAwait(false);
            var aaaa = await v6.ConfigureAwait(false);
            if (a.Records.Count + aaaa.Records.Count > 0)
            {
                return new DnsAnswer<IPAddress>(DnsLookupStatus.Found, a.Records.Concat(aaaa.Records).ToList(), timeToLive: Shorter(a, aaaa));
            }

            if (a.Status == DnsLookupStatus.NxDomain || aaaa.Status == DnsLookupStatus.NxDomain)
            {
                return new DnsAnswer<IPAddress>(DnsLookupStatus.NxDomain);
            }

            return a.Status == DnsLookupStatus.Failed ? a : aaaa.Status == DnsLookupStatus.Failed ? aaaa : new DnsAnswer<IPAddress>(DnsLookupStatus.NoData);
        }

        private static System.TimeSpan? Shorter(DnsAnswer<IPAddress> a, DnsAnswer<IPAddress> b) =>
            a.TimeToLive == null ? b.TimeToLive : b.TimeToLive == null || a.TimeToLive < b.TimeToLive ? a.TimeToLive : b.TimeToLive;
    }
}
