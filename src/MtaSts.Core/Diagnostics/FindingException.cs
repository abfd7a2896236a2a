using System;
using System.IO;
using System.Security.Authentication;

namespace MtaSts.Diagnostics
{
    /// <summary>An exception that carries the <see cref="Finding"/> explaining it.</summary>
    public interface IFindingException
    {
        Finding Finding { get; }
    }

    /// <summary>A DNS server or the policy host did not answer in time.</summary>
    [Serializable]
    public sealed class MtaStsTimeoutException : TimeoutException, IFindingException
    {
        public MtaStsTimeoutException(Finding finding)
            : base(finding?.ToString()) => Finding = finding ?? throw new ArgumentNullException(nameof(finding));

        public Finding Finding { get; }
    }

    /// <summary>A lookup or connection failed or found nothing to use (no record, no MX), or a server answered in a way a sender cannot use.</summary>
    [Serializable]
    public sealed class MtaStsNetworkException : IOException, IFindingException
    {
        public MtaStsNetworkException(Finding finding)
            : base(finding?.ToString()) => Finding = finding ?? throw new ArgumentNullException(nameof(finding));

        public Finding Finding { get; }
    }

    /// <summary>TLS could not be negotiated, or the certificate is one a sender rejects.</summary>
    [Serializable]
    public sealed class MtaStsCertificateException : AuthenticationException, IFindingException
    {
        public MtaStsCertificateException(Finding finding)
            : base(finding?.ToString()) => Finding = finding ?? throw new ArgumentNullException(nameof(finding));

        public Finding Finding { get; }
    }

    /// <summary>The exception whose type says what happened: a time-out, a network failure, a certificate, or bad data.</summary>
    public static class FindingException
    {
        public static Exception Create(Finding finding)
        {
            if (finding == null)
            {
                throw new ArgumentNullException(nameof(finding));
            }

            switch (finding.Code)
            {
                case ErrorCodes.PolicyTimeout:
                    return new MtaStsTimeoutException(finding);
                case ErrorCodes.DnsLookupFailed:
                    return finding.TimedOut ? new MtaStsTimeoutException(finding) : new MtaStsNetworkException(finding);
                case ErrorCodes.PolicyHostUnreachable:
                case ErrorCodes.PolicyAddressUnreachable:
                case ErrorCodes.PolicyHttpStatus:
                case ErrorCodes.PolicyRedirect:
                case ErrorCodes.PolicyHttpInvalid:
                case ErrorCodes.TxtRecordMissing:
                case ErrorCodes.PolicyHostMissing:
                case ErrorCodes.MxLookupEmpty:
                case ErrorCodes.NullMx:
                    return new MtaStsNetworkException(finding);
                case ErrorCodes.PolicyTlsFailed:
                case ErrorCodes.TlsVersionTooOld:
                case ErrorCodes.CertificateExpired:
                case ErrorCodes.CertificateNotYetValid:
                case ErrorCodes.CertificateSelfSigned:
                case ErrorCodes.CertificateChainIncomplete:
                case ErrorCodes.CertificateUntrusted:
                case ErrorCodes.CertificateNameMismatch:
                case ErrorCodes.CertificateNoDnsName:
                    return new MtaStsCertificateException(finding);
                default:
                    return new MtaStsFormatException(finding);
            }
        }
    }
}
