using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using MtaSts.Checking.Transport;
using MtaSts.Checking;

namespace MtaSts.Tests.Checking
{
    /// <summary>A resolver answering from tables; names it does not know are NXDOMAIN, names in Broken fail.</summary>
    internal sealed class FakeDns : IDnsLookup
    {
        public Dictionary<string, string[][]> Txt { get; } = new Dictionary<string, string[][]>();

        public Dictionary<string, MxRecordData[]> Mx { get; } = new Dictionary<string, MxRecordData[]>();

        public Dictionary<string, IPAddress[]> Addresses { get; } = new Dictionary<string, IPAddress[]>();

        public Dictionary<string, TlsaRecordData[]> Tlsa { get; } = new Dictionary<string, TlsaRecordData[]>();

        /// <summary>The names whose answers the resolver authenticated (the AD flag).</summary>
        public HashSet<string> Signed { get; } = new HashSet<string>();

        public HashSet<string> Broken { get; } = new HashSet<string>();

        /// <summary>No server answers at all: every question times out.</summary>
        public bool Silent { get; set; }

        /// <summary>How many questions were asked.</summary>
        public int Questions { get; private set; }

        /// <summary>The TTL every found record set reports.</summary>
        public System.TimeSpan? TimeToLive { get; set; }

        public Task<DnsAnswer<IReadOnlyList<string>>> TxtAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Answer<IReadOnlyList<string>>(name, Txt.TryGetValue(name, out var records) ? records : null));

        public Task<DnsAnswer<MxRecordData>> MxAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Answer(name, Mx.TryGetValue(name, out var records) ? records : null));

        public Task<DnsAnswer<IPAddress>> AddressesAsync(string name, CancellationToken cancellationToken) =>
            Task.FromResult(Answer(name, Addresses.TryGetValue(name, out var records) ? records : null));

        public Task<DnsAnswer<TlsaRecordData>> TlsaAsync(string name, CancellationToken cancellationToken)
        {
            var answer = Answer(name, Tlsa.TryGetValue(name, out var records) ? records : null);
            return Task.FromResult(answer.Status == DnsLookupStatus.Found && Signed.Contains(name)
                ? new DnsAnswer<TlsaRecordData>(DnsLookupStatus.Found, answer.Records, authenticated: true)
                : answer);
        }

        private DnsAnswer<T> Answer<T>(string name, IReadOnlyList<T>? records) =>
            ++Questions > 0 && Silent ? new DnsAnswer<T>(DnsLookupStatus.Failed, error: "timed out", noServerAnswered: true)
            : Broken.Contains(name) ? new DnsAnswer<T>(DnsLookupStatus.Failed, error: "SERVFAIL")
            : records == null ? new DnsAnswer<T>(DnsLookupStatus.NxDomain)
            : records.Count == 0 ? new DnsAnswer<T>(DnsLookupStatus.NoData)
            : new DnsAnswer<T>(DnsLookupStatus.Found, records, timeToLive: TimeToLive);
    }
}
