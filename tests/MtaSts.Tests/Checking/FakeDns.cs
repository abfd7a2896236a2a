using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Checking;

namespace MtaSts.Tests.Checking
{
    /// <summary>A resolver answering from tables; names it does not know are NXDOMAIN, names in Broken fail.</summary>
    internal sealed class FakeDns : IDnsLookup
    {
        public Dictionary<string, string[][]> Txt { get; } = new Dictionary<string, string[][]>();

        public Dictionary<string, MxRecordData[]> Mx { get; } = new Dictionary<string, MxRecordData[]>();

        public Dictionary<string, IPAddress[]> Addresses { get; } = new Dictionary<string, IPAddress[]>();

        public HashSet<string> Broken { get; } = new HashSet<string>();

        /// <summary>The TTL every found record set reports.</summary>
        public System.TimeSpan? TimeToLive { get; set; }

        public Task<DnsAnswer<IReadOnlyList<string>>> TxtAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Answer<IReadOnlyList<string>>(name, Txt.TryGetValue(name, out var records) ? records : null));

        public Task<DnsAnswer<MxRecordData>> MxAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Answer(name, Mx.TryGetValue(name, out var records) ? records : null));

        public Task<DnsAnswer<IPAddress>> AddressesAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Answer(name, Addresses.TryGetValue(name, out var records) ? records : null));

        private DnsAnswer<T> Answer<T>(string name, IReadOnlyList<T>? records) =>
            Broken.Contains(name) ? new DnsAnswer<T>(DnsLookupStatus.Failed, error: "SERVFAIL")
            : records == null ? new DnsAnswer<T>(DnsLookupStatus.NxDomain)
            : records.Count == 0 ? new DnsAnswer<T>(DnsLookupStatus.NoData)
            : new DnsAnswer<T>(DnsLookupStatus.Found, records, timeToLive: TimeToLive);
    }
}
