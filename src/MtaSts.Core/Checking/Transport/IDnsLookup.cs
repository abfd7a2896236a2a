using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Checking.Transport
{
    /// <summary>The DNS questions a sending server asks. Implementations follow CNAMEs and never cache.</summary>
    public interface IDnsLookup
    {
        /// <summary>The TXT records at <paramref name="name"/>, each as its character-strings (RFC 1035 §3.3.14), unjoined.</summary>
        Task<DnsAnswer<IReadOnlyList<string>>> TxtAsync(string name, CancellationToken cancellationToken);

        Task<DnsAnswer<MxRecordData>> MxAsync(string name, CancellationToken cancellationToken);

        /// <summary>The A and AAAA addresses of <paramref name="name"/>.</summary>
        Task<DnsAnswer<IPAddress>> AddressesAsync(string name, CancellationToken cancellationToken);

        /// <summary>The TLSA records at <paramref name="name"/>, asked with the DNSSEC OK bit, and whether the resolver authenticated them.</summary>
        Task<DnsAnswer<TlsaRecordData>> TlsaAsync(string name, CancellationToken cancellationToken);
    }
}
