using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using MtaSts.Checking.Transport;
using MtaSts.Checking;

namespace MtaSts.Tests.Checking
{
    /// <summary>
    /// A resolver answering from tables; names it does not know are NXDOMAIN, names in Broken fail. With
    /// <see cref="Hold"/> set, every answer waits until that many questions are in flight (or a second passes), so a test
    /// can see which questions a check asks at once.
    /// </summary>
    internal sealed class FakeDns : IDnsLookup
    {
        private readonly object gate = new object();
        private readonly List<string> asked = new List<string>();
        private readonly TaskCompletionSource<bool> released = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int inFlight;

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
        public int Questions { get { lock (gate) { return asked.Count; } } }

        /// <summary>Every question asked, as "TYPE name", in the order asked.</summary>
        public IReadOnlyList<string> Asked { get { lock (gate) { return asked.ToArray(); } } }

        /// <summary>Answers wait until this many questions are in flight together; 0 answers at once.</summary>
        public int Hold { get; set; }

        /// <summary>The most questions that were in flight at one time.</summary>
        public int MostInFlight { get; private set; }

        /// <summary>The TTL every found record set reports.</summary>
        public System.TimeSpan? TimeToLive { get; set; }

        public Task<DnsAnswer<IReadOnlyList<string>>> TxtAsync(string name, CancellationToken cancellationToken) =>
            Answer<IReadOnlyList<string>>("TXT", name, Txt.TryGetValue(name, out var records) ? records : null, cancellationToken);

        public Task<DnsAnswer<MxRecordData>> MxAsync(string name, CancellationToken cancellationToken) =>
            Answer("MX", name, Mx.TryGetValue(name, out var records) ? records : null, cancellationToken);

        public Task<DnsAnswer<IPAddress>> AddressesAsync(string name, AddressFamily family, CancellationToken cancellationToken)
        {
            var records = Addresses.TryGetValue(name, out var all) ? all.Where(a => a.AddressFamily == family).ToArray() : null;
            return Answer(family == AddressFamily.InterNetworkV6 ? "AAAA" : "A", name, records, cancellationToken);
        }

        public async Task<DnsAnswer<TlsaRecordData>> TlsaAsync(string name, CancellationToken cancellationToken)
        {
            var answer = await Answer("TLSA", name, Tlsa.TryGetValue(name, out var records) ? records : null, cancellationToken);
            return answer.Status == DnsLookupStatus.Found && Signed.Contains(name)
                ? new DnsAnswer<TlsaRecordData>(DnsLookupStatus.Found, answer.Records, authenticated: true)
                : answer;
        }

        private async Task<DnsAnswer<T>> Answer<T>(string type, string name, IReadOnlyList<T>? records, CancellationToken cancellationToken)
        {
            Task wait;
            lock (gate)
            {
                asked.Add(type + " " + name);
                MostInFlight = System.Math.Max(MostInFlight, ++inFlight);
                if (Hold > 0 && inFlight >= Hold)
                {
                    released.TrySetResult(true);
                }

                wait = Hold > 0 ? released.Task : Task.CompletedTask;
            }

            try
            {
                if (!wait.IsCompleted)
                {
                    await Task.WhenAny(wait, Task.Delay(System.TimeSpan.FromSeconds(1), cancellationToken));
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                lock (gate)
                {
                    inFlight--;
                }
            }

            return Silent ? new DnsAnswer<T>(DnsLookupStatus.Failed, error: "timed out", noServerAnswered: true)
                : Broken.Contains(name) ? new DnsAnswer<T>(DnsLookupStatus.Failed, error: "SERVFAIL")
                : records == null ? new DnsAnswer<T>(DnsLookupStatus.NxDomain)
                : records.Count == 0 ? new DnsAnswer<T>(DnsLookupStatus.NoData)
                : new DnsAnswer<T>(DnsLookupStatus.Found, records, timeToLive: TimeToLive);
        }
    }
}
