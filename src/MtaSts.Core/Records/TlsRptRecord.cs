using System.Collections.Generic;
using System;
using System.Linq;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Resources;

namespace MtaSts.Records
{
    /// <summary>
    /// The <c>_smtp._tls.&lt;domain&gt;</c> TXT record of TLS-RPT (RFC 8460 §3): <c>v=TLSRPTv1; rua=&lt;uri&gt;[,&lt;uri&gt;…]</c>,
    /// which tells senders where to report TLS failures, MTA-STS ones included.
    /// </summary>
    public sealed class TlsRptRecord : TxtResourceRecord
    {

        /// <summary>RFC 8460 §7 encourages a long TTL, so that a short DNS attack cannot hide the record: one day.</summary>
        public static readonly TimeSpan DefaultTlsRptTimeToLive = TimeSpan.FromDays(1);

        private static readonly ExtensionField[] NoExtensions = new ExtensionField[0];

        private TlsRptRecord(string domain, IReadOnlyList<string> rua, string? zoneName, TimeSpan? timeToLive)
            : base(WellKnownNames.TlsRptRecordLabel, domain, zoneName, timeToLive ?? DefaultTlsRptTimeToLive)
        {
            Domain = domain;
            Rua = rua;
            Extensions = NoExtensions;
            Value = WellKnownNames.TlsRptRecordPrefix + "; rua=" + string.Join(",", rua);
        }

        private TlsRptRecord(IReadOnlyList<string> rua, IReadOnlyList<ExtensionField>? extensions, string value)
        {
            Rua = rua;
            Extensions = extensions ?? NoExtensions;
            Value = value;
        }

        /// <summary>Always <c>TLSRPTv1</c>.</summary>
        public string Version => WellKnownNames.TlsRptVersion;

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
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string destination in rua ?? throw new ArgumentNullException(nameof(rua)))
            {
                string uri = ReportUri.Normalize(destination);
                if (seen.Add(uri))
                {
                    destinations.Add(uri);
                }
            }

            if (destinations.Count == 0)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.TlsRptRuaInvalid, Severity.Error,
                    Messages.Get("TlsRptNoDestination"),
                    "RFC 8460 §3"));
            }

            var record = new TlsRptRecord(policyDomain, destinations, zoneName, timeToLive);
            var tooLarge = DnsTxtText.TooLargeForDns(record.Value, ErrorCodes.TlsRptRecordTooLarge);
            return tooLarge == null ? record : throw new MtaStsFormatException(tooLarge);
        }

        /// <summary>Warnings about the record as published: an answer too large for UDP (DNS Flag Day 2020).</summary>
        public IReadOnlyList<Finding> Review()
        {
            var large = DnsTxtText.LargerThanUdpAnswer(Fqdn ?? Name ?? string.Empty, Value, ErrorCodes.TlsRptRecordLarge, target: Fqdn);
            return large == null ? Array.Empty<Finding>() : new[] { large };
        }

        /// <summary>Parses a record value exactly per RFC 8460 §3; throws <see cref="MtaStsFormatException"/>.</summary>
        public static TlsRptRecord Parse(string value) => TlsRptRecordParser.Parse(value).GetValueOrThrow();

        /// <summary>
        /// RFC 8460 §3 discovery over the TXT records found at <c>_smtp._tls.&lt;domain&gt;</c> (each already joined):
        /// records not starting with <c>v=TLSRPTv1</c> are discarded, and exactly one must remain and parse, or the domain
        /// does not use TLS-RPT. No candidate is <see cref="ErrorCodes.TlsRptRecordMissing"/>; several, or one that does
        /// not parse, is <see cref="ErrorCodes.TlsRptRecordInvalid"/>.
        /// </summary>
        public static ParseResult<TlsRptRecord> Discover(IEnumerable<string> records)
        {
            var candidates = new List<string>();
            foreach (string record in records ?? throw new ArgumentNullException(nameof(records)))
            {
                if (record != null && record.StartsWith(WellKnownNames.TlsRptRecordPrefix, StringComparison.Ordinal))
                {
                    candidates.Add(record);
                }
            }

            if (candidates.Count == 0)
            {
                return new ParseResult<TlsRptRecord>(null, new Finding(ErrorCodes.TlsRptRecordMissing, Severity.Error, Messages.Get("TlsRptNoCandidate"), "RFC 8460 §3"), null);
            }

            if (candidates.Count > 1)
            {
                return new ParseResult<TlsRptRecord>(null, new Finding(ErrorCodes.TlsRptRecordInvalid, Severity.Error,
                    Messages.Format("TlsRptCandidates", candidates.Count), "RFC 8460 §3"), null);
            }

            var parsed = TlsRptRecordParser.Parse(candidates[0]);
            return parsed.Error == null
                ? parsed
                : new ParseResult<TlsRptRecord>(null, new Finding(ErrorCodes.TlsRptRecordInvalid, Severity.Error, parsed.Error.Message, parsed.Error.RfcSection), parsed.Warnings.ToList());
        }

        internal static TlsRptRecord FromParsed(List<string> rua, List<ExtensionField>? extensions, string value) =>
            new TlsRptRecord(rua, extensions, value);
    }
}
