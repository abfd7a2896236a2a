using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Checking.Transport
{
    /// <summary>
    /// The system roots that chains judged in one run have ended at, offered to the run's later handshakes as their
    /// only anchors. On Linux .NET copies every system root into a new OpenSSL store for each chain it builds, which costs
    /// more than the rest of the build (dotnet/runtime#99242); a handshake that trusts just these few roots builds its
    /// chain for a fraction of that. A chain that does not end at one of them is judged again under the full system
    /// trust, so what they change is the cost, never the verdict. Safe for checks running at once.
    /// </summary>
    public sealed class LearnedRoots
    {
        /// <summary>Enough for every public CA a bulk check meets; a run that meets more builds the rest in full.</summary>
        public const int Capacity = 32;

        private readonly object gate = new object();
        private X509Certificate2[] roots = Array.Empty<X509Certificate2>();

        /// <summary>The roots learned so far; a copy that later learning does not change.</summary>
        public IReadOnlyList<X509Certificate2> All => roots;

        /// <summary>
        /// Keeps a copy of the root <paramref name="chain"/> ends at when it was built under the full system trust without
        /// an error: such a root is one of the system's (an extra root leaves UntrustedRoot, and a lone leaf is no chain).
        /// Nothing is kept twice, nor beyond <see cref="Capacity"/>.
        /// </summary>
        internal void RememberAnchorOf(ChainSnapshot chain)
        {
            if (chain.Statuses != X509ChainStatusFlags.NoError || chain.Elements.Count < 2)
            {
                return;
            }

            var root = chain.Elements[chain.Elements.Count - 1];
            if (!CertificateInspector.IsSelfIssued(root))
            {
                return;
            }

            lock (gate)
            {
                if (roots.Length < Capacity && !roots.Any(r => r.Thumbprint == root.Thumbprint))
                {
                    roots = roots.Append(new X509Certificate2(root.RawData)).ToArray();
                }
            }
        }
    }
}
