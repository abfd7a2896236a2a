using System.Globalization;
using System;
using MtaSts.Diagnostics;
using MtaSts.Resources;
using MtaSts.Syntax;

namespace MtaSts.Records
{
    /// <summary>
    /// A TXT record placed in a DNS zone. Its property names are those of the DNS cmdlets' parameters, so it
    /// pipes by property name into <c>Add-DnsServerResourceRecord -Txt</c> (ZoneName, Name, DescriptiveText,
    /// TimeToLive) and into <c>New-AzDnsRecordConfig</c>/<c>New-AzDnsRecordSet</c> (Value, Name, ZoneName, Ttl,
    /// RecordType). <see cref="ZoneFileText"/> is the line for a BIND-style zone file.
    /// </summary>
    public abstract class TxtResourceRecord
    {
        /// <summary>The default TTL of a generated record: one hour.</summary>
        public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(1);

        /// <summary>RFC 2181 §8: a TTL is at most 2^31 - 1 seconds.</summary>
        public const long MaxTtlSeconds = int.MaxValue;

        protected TxtResourceRecord()
        {
        }

        protected TxtResourceRecord(string label, string domain, string? zoneName, TimeSpan? timeToLive)
        {
            string zone = zoneName == null
                ? domain
                : DomainNameInput.Normalize(zoneName, ErrorCodes.DomainInvalid, "DomainInvalidZoneName", "RFC 1035 §2.3.1");
            ZoneName = zone;
            Name = RelativeName(label, domain, zone);
            Fqdn = label + "." + domain;
            TimeToLive = ValidateTimeToLive(timeToLive ?? DefaultTimeToLive);
        }

        /// <summary>The zone the record goes into; null for a record parsed from its value alone.</summary>
        public string? ZoneName { get; }

        /// <summary>The owner name relative to <see cref="ZoneName"/>, e.g. <c>_mta-sts</c> or <c>_mta-sts.mail</c>.</summary>
        public string? Name { get; }

        /// <summary>The owner name in full, without the final dot.</summary>
        public string? Fqdn { get; }

        /// <summary>How long resolvers may cache the record (a TimeSpan, as Windows DnsServer takes it).</summary>
        public TimeSpan TimeToLive { get; }

        /// <summary>The TTL in whole seconds (as Azure DNS and zone files take it).</summary>
        public int Ttl => (int)(TimeToLive.Ticks / TimeSpan.TicksPerSecond);

        public string RecordType => "TXT";

        /// <summary>The record's text, the strings joined.</summary>
        public abstract string Value { get; }

        /// <summary>The same text under the name Windows DnsServer uses for it.</summary>
        public string DescriptiveText => Value;

        /// <summary>
        /// The text as quoted character-strings of at most 255 bytes (RFC 1035 §5.1, §3.3.14), the form zone files
        /// and Amazon Route 53 change batches take.
        /// </summary>
        public string QuotedValue => DnsTxtText.Quote(Value);

        /// <summary>The record as a master-file line (RFC 1035 §5.1) with an absolute owner name; null without a placement.</summary>
        public string? ZoneFileText => Fqdn == null
            ? null
            : Fqdn + ". " + Ttl.ToString(CultureInfo.InvariantCulture) + " IN TXT " + QuotedValue;

        /// <summary>
        /// An nsupdate script (RFC 2136) that makes this the only TXT record at its name, for BIND, Knot or PowerDNS: one
        /// update message deletes the TXT RRset and adds the record, so the change is atomic and no resolver ever sees two
        /// records (which RFC 8461 §3.1 reads as no policy at all). Null without a placement.
        /// </summary>
        public string? NsupdateText => Fqdn == null
            ? null
            : "zone " + ZoneName + ".\n"
                + "update delete " + Fqdn + ". TXT\n"
                + "update add " + Fqdn + ". " + Ttl.ToString(CultureInfo.InvariantCulture) + " TXT " + QuotedValue + "\n"
                + "send\n";

        public override string ToString() => Value;

        internal static TimeSpan ValidateTimeToLive(TimeSpan ttl)
        {
            if (ttl < TimeSpan.Zero || ttl.Ticks % TimeSpan.TicksPerSecond != 0 || ttl.Ticks / TimeSpan.TicksPerSecond > MaxTtlSeconds)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.TimeToLiveInvalid, Severity.Error,
                    Messages.Format("TimeToLiveInvalid", ttl, MaxTtlSeconds),
                    "RFC 2181 §8", Target: ttl.ToString()));
            }

            return ttl;
        }

        private static string RelativeName(string label, string domain, string zone)
        {
            if (domain == zone)
            {
                return label;
            }

            if (domain.EndsWith("." + zone, StringComparison.Ordinal))
            {
                return label + "." + domain.Substring(0, domain.Length - zone.Length - 1);
            }

            throw new MtaStsFormatException(new Finding(ErrorCodes.ZoneMismatch, Severity.Error,
                Messages.Format("ZoneMismatch", domain, zone),
                "RFC 1034 §4.2", Target: zone));
        }
    }
}
