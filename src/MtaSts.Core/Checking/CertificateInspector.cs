using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using MtaSts.Resources;

namespace MtaSts.Checking
{
    /// <summary>
    /// Judges a server certificate the way OpenSSL- and Go-based MTAs do: the chain is built only from the certificates
    /// the server sent (no AIA download), names come only from subjectAltName dNSName entries (no CN fallback), and a
    /// wildcard covers exactly one whole left-most label (RFC 8461 §3.3, §4.2; RFC 6125 §6.4).
    /// </summary>
    internal static class CertificateInspector
    {
        private const string SubjectAltNameOid = "2.5.29.17";
        private const int ExpirySoonDays = 14;

        /// <summary>
        /// Judges <paramref name="leaf"/> for <paramref name="hostName"/> with what the server sent, adding findings of
        /// <paramref name="severity"/>. <paramref name="built"/> is the chain the TLS handshake built; unless it is
        /// conclusive, the chain is built here under <see cref="OfflineChainPolicy.ForJudgement"/>, and the system root it
        /// ends at goes to <paramref name="learned"/>.
        /// </summary>
        public static CertificateReport Inspect(X509Certificate2 leaf, IEnumerable<X509Certificate2> sent, string hostName, bool policyHost,
            IReadOnlyList<X509Certificate2> trustedRoots, DateTime now, string section, List<Finding> findings, Severity severity, ChainSnapshot? built = null,
            LearnedRoots? learned = null)
        {
            var names = DnsNames(leaf);
            var match = MatchName(names, hostName);
            bool trusted;
            int chainLength;
            if (built != null && built.Conclusive)
            {
                trusted = Judge(built, leaf, sent, trustedRoots, now, hostName, section, findings, severity, out chainLength);
            }
            else
            {
                using var chain = BuildChain(leaf, sent, trustedRoots, now);
                trusted = Judge(chain, leaf, sent, trustedRoots, now, hostName, section, findings, severity, out chainLength);
                learned?.RememberAnchorOf(chain);
            }

            int daysLeft = (int)Math.Floor((leaf.NotAfter.ToUniversalTime() - now).TotalDays);

            if (names.Count == 0)
            {
                findings.Add(new Finding(ErrorCodes.CertificateNoDnsName, severity,
                    Messages.Format("CertificateNoDnsName", hostName, leaf.GetNameInfo(X509NameType.SimpleName, false)), section, Target: hostName));
            }
            else if (match == NameMatch.PartialWildcard && !policyHost)
            {
                findings.Add(new Finding(ErrorCodes.CertificatePartialWildcard, Severity.Warning,
                    Messages.Format("CertificatePartialWildcard", hostName, string.Join(", ", names)), "RFC 6125 §6.4.3", Target: hostName));
            }
            else if (match != NameMatch.Exact && match != NameMatch.Wildcard)
            {
                findings.Add(new Finding(ErrorCodes.CertificateNameMismatch, severity,
                    Messages.Format("CertificateNameMismatch", hostName, string.Join(", ", names)), section, Target: hostName));
            }

            if (trusted && daysLeft < ExpirySoonDays && daysLeft >= 0)
            {
                findings.Add(new Finding(ErrorCodes.CertificateExpiresSoon, Severity.Warning,
                    Messages.Format("CertificateExpiresSoon", hostName, daysLeft, leaf.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), section, Target: hostName));
            }

            bool nameOk = match == NameMatch.Exact || match == NameMatch.Wildcard || (match == NameMatch.PartialWildcard && !policyHost);
            return new CertificateReport(leaf.Subject, leaf.Issuer, leaf.NotBefore.ToUniversalTime(), leaf.NotAfter.ToUniversalTime(), names,
                leaf.Thumbprint, chainLength, trusted, nameOk, daysLeft);
        }

        internal enum NameMatch
        {
            None,
            Exact,
            Wildcard,
            PartialWildcard,
        }

        /// <summary>RFC 6125 §6.4: ASCII case-insensitive; '*' only as the whole left-most label, covering one label.</summary>
        internal static NameMatch MatchName(IReadOnlyList<string> dnsNames, string hostName)
        {
            string host = hostName.TrimEnd('.').ToLowerInvariant();
            int firstDot = host.IndexOf('.');
            string hostRest = firstDot > 0 ? host.Substring(firstDot) : string.Empty;
            var best = NameMatch.None;
            foreach (string raw in dnsNames)
            {
                string name = raw.TrimEnd('.').ToLowerInvariant();
                if (name == host)
                {
                    return NameMatch.Exact;
                }

                int dot = name.IndexOf('.');
                if (dot <= 0 || firstDot <= 0 || name.Substring(dot) != hostRest || name.Substring(dot + 1).IndexOf('*') >= 0)
                {
                    continue;
                }

                string label = name.Substring(0, dot);
                if (label == "*")
                {
                    best = NameMatch.Wildcard;
                }
                else if (label.IndexOf('*') >= 0 && !label.StartsWith("xn--", StringComparison.Ordinal) && GlobMatches(label, host.Substring(0, firstDot)) && best == NameMatch.None)
                {
                    best = NameMatch.PartialWildcard;
                }
            }

            return best;
        }

        /// <summary>The subjectAltName dNSName entries, read from the extension's DER (netstandard2.0 has no parser for it).</summary>
        internal static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
        {
            var names = new List<string>();
            var extension = certificate.Extensions.Cast<X509Extension>().FirstOrDefault(e => e.Oid?.Value == SubjectAltNameOid);
            if (extension == null)
            {
                return names;
            }

            byte[] der = extension.RawData;
            int pos = 0;
            if (der.Length < 2 || der[pos++] != 0x30 || !Der.TryReadLength(der, ref pos, out int sequenceLength) || pos + sequenceLength > der.Length)
            {
                return names;
            }

            int end = pos + sequenceLength;
            while (pos < end)
            {
                byte tag = der[pos++];
                if (!Der.TryReadLength(der, ref pos, out int length) || pos + length > end)
                {
                    break;
                }

                if (tag == 0x82)
                {
                    names.Add(System.Text.Encoding.ASCII.GetString(der, pos, length));
                }

                pos += length;
            }

            return names;
        }

        private static ChainSnapshot BuildChain(X509Certificate2 leaf, IEnumerable<X509Certificate2> sent, IReadOnlyList<X509Certificate2> trustedRoots, DateTime now)
        {
            using var chain = new X509Chain { ChainPolicy = OfflineChainPolicy.ForJudgement(trustedRoots, now) };
            chain.ChainPolicy.ExtraStore.AddRange(sent.ToArray());
            chain.Build(leaf);
            try
            {
                return ChainSnapshot.Take(chain);
            }
            finally
            {
                foreach (var element in chain.ChainElements)
                {
                    element.Certificate.Dispose();
                }
            }
        }

        private static bool Judge(ChainSnapshot chain, X509Certificate2 leaf, IEnumerable<X509Certificate2> sent, IReadOnlyList<X509Certificate2> trustedRoots, DateTime now,
            string hostName, string section, List<Finding> findings, Severity severity, out int chainLength)
        {
            chainLength = chain.Elements.Count;
            var statuses = chain.Statuses;
            var root = chain.Elements.Count > 0 ? chain.Elements[chain.Elements.Count - 1] : leaf;
            string missingIssuer = root.Issuer;
            var notSent = IssuerNotSent(chain, sent, trustedRoots);
            if (notSent != null)
            {
                // The platform completed the chain from a store or cache of this machine; a sender has neither.
                statuses = (statuses | X509ChainStatusFlags.PartialChain) & ~X509ChainStatusFlags.UntrustedRoot;
                missingIssuer = notSent.Subject;
            }

            bool rootIsExtra = trustedRoots.Any(r => r.Thumbprint == root.Thumbprint);
            if (rootIsExtra)
            {
                statuses &= ~X509ChainStatusFlags.UntrustedRoot;
            }

            int before = findings.Count;
            string expiry = leaf.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (leaf.NotAfter.ToUniversalTime() < now)
            {
                findings.Add(new Finding(ErrorCodes.CertificateExpired, severity, Messages.Format("CertificateExpired", hostName, expiry), section, Target: hostName));
            }
            else if (leaf.NotBefore.ToUniversalTime() > now)
            {
                findings.Add(new Finding(ErrorCodes.CertificateNotYetValid, severity,
                    Messages.Format("CertificateNotYetValid", hostName, leaf.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), section, Target: hostName));
            }
            else if ((statuses & X509ChainStatusFlags.NotTimeValid) != 0)
            {
                findings.Add(new Finding(ErrorCodes.CertificateExpired, severity, Messages.Format("CertificateChainExpired", hostName), section, Target: hostName));
            }

            if (chainLength == 1 && IsSelfIssued(leaf) && !rootIsExtra)
            {
                findings.Add(new Finding(ErrorCodes.CertificateSelfSigned, severity, Messages.Format("CertificateSelfSigned", hostName), section, Target: hostName));
            }
            else if ((statuses & X509ChainStatusFlags.PartialChain) != 0)
            {
                findings.Add(new Finding(ErrorCodes.CertificateChainIncomplete, severity,
                    Messages.Format("CertificateChainIncomplete", hostName, missingIssuer), section, Target: hostName));
            }
            else if ((statuses & X509ChainStatusFlags.UntrustedRoot) != 0)
            {
                findings.Add(new Finding(ErrorCodes.CertificateUntrusted, severity, Messages.Format("CertificateUntrusted", hostName, root.Subject), section, Target: hostName));
            }
            else if ((statuses & ~(X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation)) != 0)
            {
                findings.Add(new Finding(ErrorCodes.CertificateUntrusted, severity, Messages.Format("CertificateInvalid", hostName, statuses), section, Target: hostName));
            }

            return findings.Count == before;
        }

        /// <summary>
        /// The first issuer in the built chain that is neither a certificate the server sent nor a trust anchor (a
        /// self-signed root): the platform found it in a store or cache of this machine (on Linux .NET keeps issuers
        /// it once downloaded), which a sending MTA does not have (RFC 8461 §4.2: validation with what the server sent).
        /// </summary>
        internal static X509Certificate2? IssuerNotSent(ChainSnapshot chain, IEnumerable<X509Certificate2> sent, IReadOnlyList<X509Certificate2> trustedRoots)
        {
            var known = new HashSet<string>(sent.Concat(trustedRoots).Select(c => c.Thumbprint), StringComparer.OrdinalIgnoreCase);
            for (int i = 1; i < chain.Elements.Count; i++)
            {
                var certificate = chain.Elements[i];
                if (!IsSelfIssued(certificate) && !known.Contains(certificate.Thumbprint))
                {
                    return certificate;
                }
            }

            return null;
        }

        /// <summary>Subject and issuer are the same name: a root, or a self-signed leaf.</summary>
        internal static bool IsSelfIssued(X509Certificate2 certificate) => certificate.SubjectName.RawData.SequenceEqual(certificate.IssuerName.RawData);

        private static bool GlobMatches(string pattern, string label)
        {
            int star = pattern.IndexOf('*');
            string prefix = pattern.Substring(0, star);
            string suffix = pattern.Substring(star + 1);
            return label.Length >= prefix.Length + suffix.Length && label.StartsWith(prefix, StringComparison.Ordinal) && label.EndsWith(suffix, StringComparison.Ordinal);
        }
    }
}
