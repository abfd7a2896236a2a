using System;
using System.Collections.Generic;

namespace MtaSts.Checking
{
    /// <summary>The certificate a server presented, and how a strict sender judges it.</summary>
    public sealed class CertificateReport
    {
        internal CertificateReport(string subject, string issuer, DateTime notBefore, DateTime notAfter, IReadOnlyList<string> dnsNames,
            string thumbprint, int chainLength, bool trusted, bool nameMatches, int daysToExpiry)
        {
            Subject = subject;
            Issuer = issuer;
            NotBefore = notBefore;
            NotAfter = notAfter;
            DnsNames = dnsNames;
            Thumbprint = thumbprint;
            ChainLength = chainLength;
            Trusted = trusted;
            NameMatches = nameMatches;
            DaysToExpiry = daysToExpiry;
        }

        public string Subject { get; }

        public string Issuer { get; }

        public DateTime NotBefore { get; }

        public DateTime NotAfter { get; }

        /// <summary>The subjectAltName dNSName entries, the only names RFC 8461 §3.3 and §4.2 accept.</summary>
        public IReadOnlyList<string> DnsNames { get; }

        public string Thumbprint { get; }

        /// <summary>How many certificates the validated chain has, root included.</summary>
        public int ChainLength { get; }

        /// <summary>The chain reaches a trusted root using only the certificates the server sent, and every certificate is in date.</summary>
        public bool Trusted { get; }

        public bool NameMatches { get; }

        public int DaysToExpiry { get; }

        public override string ToString() => $"{Subject} ({string.Join(", ", DnsNames)}), {NotAfter:yyyy-MM-dd}";
    }
}
