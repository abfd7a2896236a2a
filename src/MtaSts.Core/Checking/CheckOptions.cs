using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System;
using MtaSts.Checking.Transport;
using MtaSts.Records;

namespace MtaSts.Checking
{
    /// <summary>The settings of one check. Each check builds its own resolver and trust from these; nothing is global.</summary>
    public sealed class CheckOptions
    {
        /// <summary>The DNS servers to ask; empty means the system's resolvers.</summary>
        public IReadOnlyList<IPEndPoint> DnsServers { get; set; } = Array.Empty<IPEndPoint>();

        /// <summary>The limit for each DNS query, connection, TLS handshake and HTTP exchange.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Extra root certificates to trust (a private PKI or a staging CA), besides the system's roots.</summary>
        public IReadOnlyList<X509Certificate2> TrustedRoots { get; set; } = Array.Empty<X509Certificate2>();

        /// <summary>The system roots this run's chains have ended at; checks of one run share it (see <see cref="Transport.LearnedRoots"/>).</summary>
        public LearnedRoots LearnedRoots { get; set; } = new LearnedRoots();

        /// <summary>Also connect to every MX on port 25 and check STARTTLS and its certificate.</summary>
        public bool IncludeSmtp { get; set; }

        /// <summary>The name the SMTP probe gives in EHLO.</summary>
        public string HelloName { get; set; } = "mtasts-check.localhost";

        public int HttpsPort { get; set; } = 443;

        public int SmtpPort { get; set; } = 25;

        public Clock Clock { get; set; } = Clock.System;

        /// <summary>Makes the resolver of one check; tests substitute their own.</summary>
        public Func<CheckOptions, IDnsLookup> DnsFactory { get; set; } = options => new DnsClientLookup(options.DnsServers, options.Timeout);
    }
}
