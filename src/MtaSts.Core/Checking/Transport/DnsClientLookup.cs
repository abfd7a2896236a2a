using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;
using MtaSts.Resources;

namespace MtaSts.Checking.Transport
{
    /// <summary>
    /// Asks real DNS servers through DnsClient: the system resolvers, or the servers a check names. No cache of its own,
    /// so every question is sent as asked; one instance may serve parallel checks, since LookupClient is thread-safe.
    /// </summary>
    public sealed class DnsClientLookup : IDnsLookup
    {
        private const int MaxCnameHops = 8;
        private readonly LookupClient client;
        private readonly LookupClient dnssecClient;

        public DnsClientLookup(IReadOnlyList<IPEndPoint>? servers, TimeSpan timeout)
        {
            var nameServers = (servers != null && servers.Count > 0 ? servers : SystemServers()).Select(s => new NameServer(s)).ToArray();
            client = new LookupClient(Options(nameServers, timeout, dnssecOk: false));
            dnssecClient = new LookupClient(Options(nameServers, timeout, dnssecOk: true));
        }

        public async Task<DnsAnswer<IReadOnlyList<string>>> TxtAsync(string name, CancellationToken cancellationToken) =>
            await QueryAsync(name, QueryType.TXT, records => records.OfType<TxtRecord>().Select(r => (IReadOnlyList<string>)r.Text.ToList()), cancellationToken).ConfigureAwait(false);

        public async Task<DnsAnswer<MxRecordData>> MxAsync(string name, CancellationToken cancellationToken) =>
            await QueryAsync(name, QueryType.MX, records => records.OfType<MxRecord>()
                .Select(r => new MxRecordData(r.Preference, HostName(r.Exchange.Value)))
                .OrderBy(r => r.Preference), cancellationToken).ConfigureAwait(false);

        public async Task<DnsAnswer<IPAddress>> AddressesAsync(string name, AddressFamily family, CancellationToken cancellationToken) =>
            family == AddressFamily.InterNetworkV6
                ? await QueryAsync(name, QueryType.AAAA, records => records.OfType<AaaaRecord>().Select(r => r.Address), cancellationToken).ConfigureAwait(false)
                : await QueryAsync(name, QueryType.A, records => records.OfType<ARecord>().Select(r => r.Address), cancellationToken).ConfigureAwait(false);

        public async Task<DnsAnswer<TlsaRecordData>> TlsaAsync(string name, CancellationToken cancellationToken) =>
            await QueryAsync(name, QueryType.TLSA, records => records.OfType<TlsaRecord>()
                .Select(r => new TlsaRecordData((int)r.CertificateUsage, (int)r.Selector, (int)r.MatchingType, r.CertificateAssociationData.ToArray())),
                cancellationToken, dnssecClient).ConfigureAwait(false);

        private async Task<DnsAnswer<T>> QueryAsync<T>(string name, QueryType type, Func<IEnumerable<DnsResourceRecord>, IEnumerable<T>> select, CancellationToken cancellationToken,
            LookupClient? via = null)
        {
            string current = name;
            for (int hop = 0; hop <= MaxCnameHops; hop++)
            {
                IDnsQueryResponse response;
                try
                {
                    response = await (via ?? client).QueryAsync(current, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
                }
                catch (DnsResponseException ex)
                {
                    return new DnsAnswer<T>(DnsLookupStatus.Failed, error: ex.Message, noServerAnswered: ex.Code == DnsResponseCode.ConnectionTimeout);
                }

                var code = response.Header.ResponseCode;
                if (code == DnsHeaderResponseCode.NotExistentDomain)
                {
                    return new DnsAnswer<T>(DnsLookupStatus.NxDomain);
                }

                if (code != DnsHeaderResponseCode.NoError)
                {
                    return new DnsAnswer<T>(DnsLookupStatus.Failed, error: type + " " + current + ": " + code);
                }

                // A recursive resolver answers with the whole CNAME chain; an authoritative server may stop at the alias.
                var records = select(response.Answers).ToList();
                if (records.Count > 0)
                {
                    uint ttl = response.Answers.Where(r => r.RecordType == (ResourceRecordType)type).Select(r => (uint)r.InitialTimeToLive).DefaultIfEmpty(0u).Min();
                    return new DnsAnswer<T>(DnsLookupStatus.Found, records, timeToLive: TimeSpan.FromSeconds(ttl), authenticated: response.Header.IsAuthenticData);
                }

                var alias = response.Answers.OfType<CNameRecord>().LastOrDefault();
                if (alias == null)
                {
                    return new DnsAnswer<T>(DnsLookupStatus.NoData);
                }

                current = HostName(alias.CanonicalName.Value);
            }

            return new DnsAnswer<T>(DnsLookupStatus.Failed, error: Messages.Format("DnsCnameLoop", name, MaxCnameHops));
        }

        private static LookupClientOptions Options(NameServer[] servers, TimeSpan timeout, bool dnssecOk) => new LookupClientOptions(servers)
        {
            UseCache = false,

            // One retry against a lost UDP packet, each try half the limit: a server that never answers costs one
            // -TimeoutSec, not two.
            Timeout = TimeSpan.FromTicks(Math.Max(timeout.Ticks / 2, TimeSpan.FromMilliseconds(250).Ticks)),
            Retries = 1,
            ThrowDnsErrors = false,
            UseTcpFallback = true,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,

            // The DNSSEC OK bit (RFC 4035 §3.2.1), asked for TLSA only: the resolver then reports in AD whether it validated.
            RequestDnsSecRecords = dnssecOk,
        };

        /// <summary>
        /// The system's resolvers: what the network interfaces report, else the nameserver lines of /etc/resolv.conf
        /// (a host or namespace with only a loopback interface reports none). Never a public resolver as a fallback.
        /// </summary>
        private static IReadOnlyList<IPEndPoint> SystemServers()
        {
            var found = NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false)
                .Select(s => new IPEndPoint(IPAddress.Parse(s.Address), s.Port)).ToList();
            const string resolvConf = "/etc/resolv.conf";
            if (found.Count == 0 && System.IO.File.Exists(resolvConf))
            {
                foreach (string line in System.IO.File.ReadAllLines(resolvConf))
                {
                    var parts = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length >= 2 && parts[0] == "nameserver" && IPAddress.TryParse(parts[1].Split('%')[0], out var address))
                    {
                        found.Add(new IPEndPoint(address, 53));
                    }
                }
            }

            if (found.Count == 0)
            {
                throw new InvalidOperationException(Messages.Get("DnsNoServers"));
            }

            return found;
        }

        private static string HostName(string name) => name.TrimEnd('.').ToLowerInvariant();
    }
}
