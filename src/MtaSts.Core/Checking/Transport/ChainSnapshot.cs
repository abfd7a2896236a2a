using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace MtaSts.Checking.Transport
{
    /// <summary>
    /// What a built chain says, kept after the chain object is gone: its certificates from the leaf up and every status
    /// flag of its elements and of the whole. The TLS handshake builds a chain anyway; on .NET 8 it is built under the
    /// same offline policy the judgement uses, so the judgement reads this copy instead of building a second chain.
    /// </summary>
    internal sealed class ChainSnapshot : IDisposable
    {
        private ChainSnapshot(IReadOnlyList<X509Certificate2> elements, X509ChainStatusFlags statuses, bool conclusive)
        {
            Elements = elements;
            Statuses = statuses;
            Conclusive = conclusive;
        }

        /// <summary>The chain's certificates, leaf first; copies owned by the snapshot.</summary>
        public IReadOnlyList<X509Certificate2> Elements { get; }

        /// <summary>Every status flag of every element and of the chain.</summary>
        public X509ChainStatusFlags Statuses { get; }

        /// <summary>
        /// False for a chain built under a narrowed trust (<see cref="OfflineChainPolicy.ForHandshake"/>) that did not end
        /// cleanly at one of its roots: only a build under the full trust says whether it is wrong, and how.
        /// </summary>
        public bool Conclusive { get; }

        public static ChainSnapshot Take(X509Chain chain)
        {
            var elements = new List<X509Certificate2>(chain.ChainElements.Count);
            var statuses = X509ChainStatusFlags.NoError;
            foreach (var element in chain.ChainElements)
            {
                elements.Add(new X509Certificate2(element.Certificate));
                statuses = element.ChainElementStatus.Aggregate(statuses, (all, status) => all | status.Status);
            }

            statuses = chain.ChainStatus.Aggregate(statuses, (all, status) => all | status.Status);
#if NET8_0_OR_GREATER
            bool conclusive = chain.ChainPolicy.TrustMode != X509ChainTrustMode.CustomRootTrust || statuses == X509ChainStatusFlags.NoError;
#else
            const bool conclusive = true;
#endif
            return new ChainSnapshot(elements, statuses, conclusive);
        }

        public void Dispose()
        {
            foreach (var certificate in Elements)
            {
                certificate.Dispose();
            }
        }
    }
}
