using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Checking.Transport
{
    /// <summary>
    /// The chain policy for judging what a server sent, as MTAs do: no revocation lookup and no download of a missing
    /// issuer through the certificate's AIA URL. A download would both hide a missing intermediate and let a checked
    /// server make us fetch any URL it names.
    /// </summary>
    internal static class OfflineChainPolicy
    {
        public static X509ChainPolicy Create()
        {
            var policy = new X509ChainPolicy();
            Apply(policy);
            return policy;
        }

        /// <summary>
        /// The policy a server's certificate is judged under at <paramref name="now"/>: offline, with the extra roots a
        /// check trusts. The handshake builds under it too (on .NET 8), so its chain can be judged as it is.
        /// </summary>
        public static X509ChainPolicy ForJudgement(IReadOnlyList<X509Certificate2> trustedRoots, DateTime now)
        {
            var policy = Create();
            policy.VerificationTime = now.ToLocalTime();
            policy.ExtraStore.AddRange(trustedRoots.ToArray());
            if (trustedRoots.Count > 0)
            {
                policy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            }

            return policy;
        }

        /// <summary>
        /// The policy the TLS handshake builds its chain under. Where OpenSSL builds chains (Linux) it trusts only the
        /// extra roots and the run's <see cref="LearnedRoots"/>; a chain that does not end cleanly at one of them is built
        /// again under <see cref="ForJudgement"/>. Elsewhere it is <see cref="ForJudgement"/> itself.
        /// </summary>
        public static X509ChainPolicy ForHandshake(IReadOnlyList<X509Certificate2> trustedRoots, LearnedRoots learned, DateTime now)
        {
#if NET8_0_OR_GREATER
            if (OperatingSystem.IsLinux())
            {
                var policy = Create();
                policy.VerificationTime = now.ToLocalTime();
                policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                policy.CustomTrustStore.AddRange(trustedRoots.ToArray());
                policy.CustomTrustStore.AddRange(learned.All.ToArray());
                return policy;
            }
#endif
            return ForJudgement(trustedRoots, now);
        }

        public static void Apply(X509ChainPolicy policy)
        {
            policy.RevocationMode = X509RevocationMode.NoCheck;
#if NET8_0_OR_GREATER
            policy.DisableCertificateDownloads = true;
#else
            // .NET Core 3+ has the switch, .NET Framework has none: reached by name so that this build sets it where it exists.
            policy.GetType().GetProperty("DisableCertificateDownloads")?.SetValue(policy, true);
#endif
        }
    }
}
