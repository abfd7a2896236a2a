using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace MtaSts.Checking.Transport
{
    /// <summary>
    /// A TCP connection that can be turned into TLS with SNI, keeping what a strict check needs: the negotiated
    /// protocol, the leaf certificate and the certificates the server itself sent (RFC 8461 §7.1, §7.2).
    /// </summary>
    internal sealed class TlsConnection : IDisposable
    {
        private readonly TcpClient client;
        private SslStream? tls;

#if NET8_0_OR_GREATER
        private int judgementExtras;
        private bool keepChain;
#else
        private const int judgementExtras = 0;
        private const bool keepChain = false;
#endif

        private TlsConnection(TcpClient client)
        {
            this.client = client;
            Stream = client.GetStream();
        }

        public Stream Stream { get; private set; }

        public SslProtocols Protocol => tls?.SslProtocol ?? SslProtocols.None;

        public X509Certificate2? Certificate { get; private set; }

        public IReadOnlyList<X509Certificate2> SentCertificates { get; private set; } = Array.Empty<X509Certificate2>();

        /// <summary>The chain the handshake built (.NET 8), or null when it must be built again.</summary>
        public ChainSnapshot? BuiltChain { get; private set; }

        public static async Task<TlsConnection> ConnectAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var client = new TcpClient(address.AddressFamily);
            try
            {
                await NetworkTimeout.Within(client.ConnectAsync(address, port), timeout, client.Dispose, $"{address}:{port}", cancellationToken).ConfigureAwait(false);
                client.NoDelay = true;
                return new TlsConnection(client);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Runs the TLS handshake with SNI = <paramref name="hostName"/>; the certificate is judged later, never here. On
        /// .NET 8 the handshake's own chain build downloads nothing, and with <paramref name="judgement"/> (the policy of
        /// <see cref="OfflineChainPolicy.ForHandshake"/>) its chain is kept for the judgement; .NET Framework has no way to
        /// say either.
        /// </summary>
        public async Task StartTlsAsync(string hostName, TimeSpan timeout, CancellationToken cancellationToken, X509ChainPolicy? judgement = null)
        {
            tls = new SslStream(Stream, leaveInnerStreamOpen: false, Capture);
#if NET8_0_OR_GREATER
            judgementExtras = judgement?.ExtraStore.Count ?? 0;
            keepChain = judgement != null;
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = hostName,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                CertificateChainPolicy = judgement ?? OfflineChainPolicy.Create(),
            };
            var handshake = tls.AuthenticateAsClientAsync(options, cancellationToken);
#else
            var handshake = tls.AuthenticateAsClientAsync(hostName, null, SslProtocols.None, checkCertificateRevocation: false);
#endif
            await NetworkTimeout.Within(handshake, timeout, Dispose, hostName, cancellationToken).ConfigureAwait(false);
            Stream = tls;
        }

        public void Dispose()
        {
            tls?.Dispose();
            client.Dispose();
            Certificate?.Dispose();
            BuiltChain?.Dispose();
            foreach (var certificate in SentCertificates)
            {
                certificate.Dispose();
            }
        }

        private bool Capture(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate != null)
            {
                Certificate = new X509Certificate2(certificate);
            }

            // SslStream puts the certificates the peer sent into the ExtraStore of the chain it built, after the extra
            // roots the judgement's policy brought.
            SentCertificates = chain?.ChainPolicy.ExtraStore.Cast<X509Certificate2>().Skip(judgementExtras).Select(c => new X509Certificate2(c)).ToList()
                ?? (IReadOnlyList<X509Certificate2>)Array.Empty<X509Certificate2>();
            if (keepChain && chain != null)
            {
                BuiltChain = ChainSnapshot.Take(chain);
            }

            return true;
        }
    }
}
