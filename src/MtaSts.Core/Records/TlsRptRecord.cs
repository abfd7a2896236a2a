using System.Collections.Generic;
using System;
using MtaSts.Diagnostics;
using MtaSts.Policy;

namespace MtaSts.Records
{
    /// <summary>
    /// The <c>_smtp._tls.&lt;domain&gt;</c> TXT record of TLS-RPT (RFC 8460 §3): <c>v=TLSRPTv1; rua=&lt;uri&gt;[,&lt;uri&gt;…]</c>,
    /// which tells senders where to report TLS failures, MTA-STS ones included.
    /// </summary>
    public sealed class TlsRptRecord : TxtResourceRecord
    {
        /// <summary>The first labels of the record's owner name (RFC 8460 §3).</summary>
        public const string Label = "_smtp._tls";

        /// <summary>RFC 8460 §7 encourages a long TTL, so that a short DNS attack cannot hide the record: one day.</summary>
        public static readonly TimeSpan DefaultTlsRptTimeToLive = TimeSpan.FromDays(1);

        private static readonly ExtensionField[] NoExtensions = new ExtensionField[0];

        private TlsRptRecord(string domain, IReadOnlyList<string> rua, string? zoneName, TimeSpan? timeToLive)
            : base(Label, domain, zoneName, timeToLive ?? DefaultTlsRptTimeToLive)
        {
            Domain = domain;
            Rua = rua;
            Extensions = NoExtensions;
            Value = "v=TLSRPTv1; rua=" + string.Join(",", rua);
        }

        private TlsRptRecord(IReadOnlyList<string> rua, IReadOnlyList<ExtensionField>? extensions, string value)
        {
            Rua = rua;
            Extensions = extensions ?? NoExtensions;
            Value = value;
        }

        /// <summary>Always <c>TLSRPTv1</c>.</summary>
        public string Version => "TLSRPTv1";

        /// <summary>Where reports go: <c>mailto:</c> and <c>https:</c> URIs (RFC 8460 §3).</summary>
        public IReadOnlyList<string> Rua { get; }

        /// <summary>Fields other than v and rua, as written in a parsed record.</summary>
        public IReadOnlyList<ExtensionField> Extensions { get; }

        /// <summary>The Policy Domain; null for a record parsed from its value alone.</summary>
        public string? Domain { get; }

        public override string Value { get; }

        /// <summary>
        /// Builds the record for <paramref name="domain"/>. Each destination may be a <c>mailto:</c> or <c>https:</c>
        /// URI or a bare e-mail address (which becomes <c>mailto:</c>); ',', '!' and ';' inside a URI are
        /// percent-encoded and host names become A-labels (RFC 8460 §3).
        /// </summary>
        public static TlsRptRecord Create(string domain, IEnumerable<string> rua, string? zoneName = null, TimeSpan? timeToLive = null)
        {
            string policyDomain = MtaStsPolicy.NormalizeDomain(domain ?? throw new ArgumentNullException(nameof(domain)));
            var destinations = new List<string>();
            foreach (string destination in rua ?? throw new ArgumentNullException(nameof(rua)))
            {
                string uri = ReportUri.Normalize(destination);
                if (!destinations.Contains(uri))
                {
                    destinations.Add(uri);
                }
            }

            if (destinations.Count == 0)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.TlsRptRuaInvalid, Severity.Error,
                    "A TLS-RPT record needs at least one report destination: give -Rua 'tlsrpt@example.com' or an https:// URL.",
                    "RFC 8460 §3"));
            }

            return new TlsRptRecord(policyDomain, destinations, zoneName, timeToLive);
        }

        /// <summary>Parses a record value exactly per RFC 8460 §3; throws <see cref="MtaStsFormatException"/>.</summary>
        public static TlsRptRecord Parse(string value) => TlsRptRecordParser.Parse(value).GetValueOrThrow();

        internal static TlsRptRecord FromParsed(List<string> rua, List<ExtensionField>? extensions, string value) =>
            new TlsRptRecord(rua, extensions, value);
    }
}
