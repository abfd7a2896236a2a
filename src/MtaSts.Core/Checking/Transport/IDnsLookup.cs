using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Checking.Transport
{
    /// <summary>
    /// The DNS questions a sending server asks. Implementations follow CNAMEs and are safe to call from several
    /// threads at once; any caching is limited to one run (see <see cref="SharedDnsLookup"/>).
    /// </summary>
    public interface IDnsLookup
    {
        /// <summary>The TXT records at <paramref name="name"/>, each as its character-strings (RFC 1035 §3.3.14), unjoined.</summary>
        Task<DnsAnswer<IReadOnlyList<string>>> TxtAsync(string name, CancellationToken cancellationToken);

        Task<DnsAnswer<MxRecordData>> MxAsync(string name, CancellationToken cancellationToken);

        /// <summary>
        /// The A (<see cref="AddressFamily.InterNetwork"/>) or AAAA (<see cref="AddressFamily.InterNetworkV6"/>) addresses
        /// of <paramref name="name"/>; <see cref="HostAddressLookup"/> asks both at once.
        /// </summary>
        Task<DnsAnswer<IPAddress>> AddressesAsync(string name, AddressFamily family, CancellationToken cancellationToken);

        /// <summary>The TLSA records at <paramref name="name"/>, asked with the DNSSEC OK bit, and whether the resolver authenticated them.</summary>
        Task<DnsAnswer<TlsaRecordData>> TlsaAsync(string name, CancellationToken cancellationToken);
    }
}
