namespace MtaSts.Checking
{
    /// <summary>How the STARTTLS probe of one MX host ended.</summary>
    public enum SmtpProbeStatus
    {
        /// <summary>STARTTLS offered, TLS 1.2+ negotiated, and the certificate is trusted and names the MX host.</summary>
        Passed,

        /// <summary>The MX answered, and a sender enforcing MTA-STS would refuse it.</summary>
        Failed,

        /// <summary>Port 25 could not be reached from here (often blocked outbound): nothing is known.</summary>
        NotTested,
    }

    /// <summary>The STARTTLS probe of one MX host (RFC 8461 §4.2, §7; RFC 3207).</summary>
    public sealed class SmtpProbeResult
    {
        internal SmtpProbeResult(string host)
        {
            Host = host;
        }

        public string Host { get; }

        public string? Address { get; internal set; }

        public SmtpProbeStatus Status { get; internal set; } = SmtpProbeStatus.NotTested;

        public string? Banner { get; internal set; }

        public bool? StartTlsOffered { get; internal set; }

        public string? TlsProtocol { get; internal set; }

        public CertificateReport? Certificate { get; internal set; }

        public override string ToString() => Host + ": " + Status;
    }
}
