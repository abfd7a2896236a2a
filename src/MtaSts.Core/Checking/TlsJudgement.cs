using System.Security.Authentication;
using MtaSts.Checking.Transport;
using MtaSts.Diagnostics;
using MtaSts.Resources;

namespace MtaSts.Checking
{
    /// <summary>What a strict sender makes of a finished TLS handshake, for the policy host and for an MX alike.</summary>
    internal static class TlsJudgement
    {
        /// <summary>
        /// Checks the negotiated protocol (TLS 1.2 or later, RFC 8461 §7.2) and the certificate against
        /// <paramref name="host"/>, adding findings of <paramref name="severity"/>; returns the protocol's name and the report.
        /// </summary>
        public static (string Protocol, CertificateReport? Certificate) Judge(TlsConnection connection, string host, bool policyHost, string section, Severity severity, CheckContext context)
        {
            // Tls12 = 3072, Tls13 = 12288; older protocols are below.
            var protocol = connection.Protocol;
            if ((int)protocol != 0 && (int)protocol < (int)SslProtocols.Tls12)
            {
                context.Add(new Finding(ErrorCodes.TlsVersionTooOld, severity, Messages.Format("CheckTlsTooOld", host, ProtocolName(protocol)), "RFC 8461 §7.2", Target: host));
            }

            var certificate = connection.Certificate == null
                ? null
                : CertificateInspector.Inspect(connection.Certificate, connection.SentCertificates, host, policyHost, context.Options.TrustedRoots, context.Now, section, context.Findings, severity,
                    connection.BuiltChain, context.Options.LearnedRoots);
            return (ProtocolName(protocol), certificate);
        }

        private static string ProtocolName(SslProtocols protocol) => (int)protocol switch
        {
            12288 => "TLS 1.3",
            3072 => "TLS 1.2",
            768 => "TLS 1.1",
            192 => "TLS 1.0",
            _ => protocol.ToString(),
        };
    }
}
