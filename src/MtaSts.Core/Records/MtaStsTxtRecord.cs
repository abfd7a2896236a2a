using System.Collections.Generic;
using System.Linq;
using System;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Resources;
using MtaSts.Syntax;

namespace MtaSts.Records
{
    /// <summary>
    /// The <c>_mta-sts.&lt;domain&gt;</c> TXT record (RFC 8461 §3.1): <c>v=STSv1; id=&lt;id&gt;</c>, which tells
    /// senders a policy exists and which version of it is current.
    /// </summary>
    public sealed class MtaStsTxtRecord : TxtResourceRecord
    {

        private static readonly ExtensionField[] NoExtensions = new ExtensionField[0];

        private MtaStsTxtRecord(string domain, string id, string? zoneName, TimeSpan? timeToLive)
            : base(WellKnownNames.StsRecordLabel, domain, zoneName, timeToLive)
        {
            Domain = domain;
            Id = id;
            Extensions = NoExtensions;
            Value = WellKnownNames.StsRecordPrefix + "; id=" + id;
        }

        private MtaStsTxtRecord(string id, IReadOnlyList<ExtensionField>? extensions, string value)
        {
            Id = id;
            Extensions = extensions ?? NoExtensions;
            Value = value;
        }

        /// <summary>Always <c>STSv1</c>.</summary>
        public string Version => WellKnownNames.StsVersion;

        /// <summary>The policy id (RFC 8461 §3.1).</summary>
        public string Id { get; }

        /// <summary>Fields other than v and id, as written in a parsed record.</summary>
        public IReadOnlyList<ExtensionField> Extensions { get; }

        /// <summary>The Policy Domain; null for a record parsed from its value alone.</summary>
        public string? Domain { get; }

        public override string Value { get; }

        /// <summary>
        /// Builds the record for <paramref name="domain"/> in its canonical form <c>v=STSv1; id=&lt;id&gt;</c>
        /// (no space before ';', erratum 6285). Without an id the clock's UTC time is used.
        /// </summary>
        public static MtaStsTxtRecord Create(string domain, string? id = null, string? zoneName = null, TimeSpan? timeToLive = null, Clock? clock = null)
        {
            string policyDomain = MtaStsPolicy.NormalizeDomain(domain ?? throw new ArgumentNullException(nameof(domain)));
            string recordId = id == null ? StsId.New(clock ?? Clock.System) : StsId.Validate(id, clock);
            return new MtaStsTxtRecord(policyDomain, recordId, zoneName, timeToLive);
        }

        /// <summary>Parses a record value exactly per RFC 8461 §3.1; throws <see cref="Diagnostics.MtaStsFormatException"/>.</summary>
        public static MtaStsTxtRecord Parse(string value) => TxtRecordParser.ParseMtaSts(value).GetValueOrThrow();

        /// <summary>
        /// RFC 8461 §3.1 discovery over the TXT records found at <c>_mta-sts.&lt;domain&gt;</c> (each already
        /// joined): records not starting with <c>v=STSv1</c> are discarded, and exactly one must remain and parse.
        /// </summary>
        public static ParseResult<MtaStsTxtRecord> Discover(IEnumerable<string> records)
        {
            var candidates = new List<string>();
            var warnings = new List<Finding>();
            foreach (string record in records ?? throw new ArgumentNullException(nameof(records)))
            {
                if (record != null && record.StartsWith(WellKnownNames.StsRecordPrefix, StringComparison.Ordinal))
                {
                    candidates.Add(record);
                }
                else
                {
                    warnings.Add(new Finding(ErrorCodes.TxtUnrelatedRecord, Severity.Warning,
                        Messages.Format("TxtUnrelatedRecord", DomainSyntax.Shown(record), WellKnownNames.StsRecordLabel),
                        "RFC 8461 §3.1", Target: record));
                }
            }

            if (candidates.Count != 1)
            {
                string found = candidates.Count == 0 ? Messages.Get("TxtNoCandidate") : Messages.Format("TxtCandidates", candidates.Count, string.Join(" | ", candidates.Select(DomainSyntax.Shown)));
                return new ParseResult<MtaStsTxtRecord>(null, new Finding(ErrorCodes.TxtRecordCount, Severity.Error,
                    Messages.Format("TxtRecordCount", found),
                    "RFC 8461 §3.1"), warnings);
            }

            var parsed = TxtRecordParser.ParseMtaSts(candidates[0]);
            warnings.AddRange(parsed.Warnings);
            return new ParseResult<MtaStsTxtRecord>(parsed.Value, parsed.Error, warnings);
        }

        internal static MtaStsTxtRecord FromParsed(string id, List<ExtensionField>? extensions, string value) =>
            new MtaStsTxtRecord(id, extensions, value);
    }
}
