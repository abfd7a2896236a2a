using System;
using System.Collections.Generic;

namespace MtaSts.Checking
{
    /// <summary>The certificate a server presented, and how a strict sender judges it.</summary>
    /// <param name="Subject">The leaf's subject.</param>
    /// <param name="Issuer">The leaf's issuer.</param>
    /// <param name="NotBefore">The start of validity, UTC.</param>
    /// <param name="NotAfter">The end of validity, UTC.</param>
    /// <param name="DnsNames">The subjectAltName dNSName entries, the only names RFC 8461 §3.3 and §4.2 accept.</param>
    /// <param name="Thumbprint">The leaf's SHA-1 thumbprint.</param>
    /// <param name="ChainLength">How many certificates the validated chain has, root included.</param>
    /// <param name="Trusted">The chain reaches a trusted root using only the certificates the server sent, and every certificate is in date.</param>
    /// <param name="NameMatches">A dNSName covers the host name.</param>
    /// <param name="DaysToExpiry">Whole days until NotAfter.</param>
    public sealed record CertificateReport(string Subject, string Issuer, DateTime NotBefore, DateTime NotAfter, IReadOnlyList<string> DnsNames,
        string Thumbprint, int ChainLength, bool Trusted, bool NameMatches, int DaysToExpiry)
    {
        public override string ToString() => $"{Subject} ({string.Join(", ", DnsNames)}), {NotAfter:yyyy-MM-dd}";
    }
}
