using System.Collections.Generic;
using System.Linq;

namespace MtaSts.Checking
{
    /// <summary>How the STARTTLS probe of one MX host, or of one of its addresses, ended.</summary>
    public enum SmtpProbeStatus
    {
        /// <summary>STARTTLS offered, TLS 1.2+ negotiated, and the certificate is trusted and names the MX host.</summary>
        Passed,

        /// <summary>The MX answered, and a sender enforcing MTA-STS would refuse it.</summary>
        Failed,

        /// <summary>Port 25 could not be reached from here (often blocked outbound): nothing is known.</summary>
        NotTested,
    }

    /// <summary>
    /// The STARTTLS probe of one MX host over all of its addresses (RFC 8461 §4.2, §7; RFC 3207). Senders may use any
    /// address, so the host fails when one address fails, and passes when every address it reached passed.
    /// </summary>
    /// <param name="Host">The MX host name.</param>
    /// <param name="Status">Failed when any address failed; Passed when one or more passed and none failed; else NotTested.</param>
    /// <param name="Addresses">The probe of each A and AAAA address.</param>
    public sealed record SmtpProbeResult(string Host, SmtpProbeStatus Status, IReadOnlyList<SmtpAddressProbe> Addresses)
    {
        /// <summary>The MX's TLSA records and whether DANE applies to it (RFC 7672), or null when it publishes none.</summary>
        public DaneResult? Dane { get; init; }

        internal static SmtpProbeStatus Overall(IReadOnlyCollection<SmtpAddressProbe> probes) =>
            probes.Any(p => p.Status == SmtpProbeStatus.Failed) ? SmtpProbeStatus.Failed
            : probes.Any(p => p.Status == SmtpProbeStatus.Passed) ? SmtpProbeStatus.Passed
            : SmtpProbeStatus.NotTested;

        public override string ToString() => Host + ": " + Status;
    }

    /// <summary>The TLSA records of one MX (RFC 7672 §2.2).</summary>
    /// <param name="Records">The records found at _25._tcp.&lt;mx&gt;.</param>
    /// <param name="Authenticated">DNSSEC authenticated them (the resolver's AD flag); senders ignore records that are not.</param>
    /// <param name="InUse">Authenticated, with a usable record: senders that support DANE use DANE, not MTA-STS, for this MX.</param>
    public sealed record DaneResult(IReadOnlyList<Transport.TlsaRecordData> Records, bool Authenticated, bool InUse)
    {
        public override string ToString() => (InUse ? "DANE" : Authenticated ? "TLSA (unusable)" : "TLSA (not signed)") + ": " + string.Join("; ", Records);
    }

    /// <summary>The STARTTLS probe of one address of an MX host.</summary>
    public sealed class SmtpAddressProbe
    {
        internal SmtpAddressProbe(string address)
        {
            Address = address;
        }

        public string Address { get; }

        /// <summary>Passed, Failed, or NotTested when port 25 could not be reached from here.</summary>
        public SmtpProbeStatus Status { get; internal set; } = SmtpProbeStatus.NotTested;

        public string? Banner { get; internal set; }

        public bool? StartTlsOffered { get; internal set; }

        public string? TlsProtocol { get; internal set; }

        public CertificateReport? Certificate { get; internal set; }

        /// <summary>Whether the certificate matches the MX's authenticated TLSA records; null when DANE does not apply.</summary>
        public bool? DaneMatches { get; internal set; }

        public override string ToString() => Address + ": " + Status + (TlsProtocol == null ? string.Empty : ", " + TlsProtocol);
    }
}
