using System.Collections.Generic;
using MtaSts.Resources;

namespace MtaSts.TlsRpt
{
    /// <summary>What to do about each result type of the RFC 8460 §4.3 registry, in the UI culture.</summary>
    internal static class ResultTypeFix
    {
        private static readonly Dictionary<string, string> Keys = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase)
        {
            ["starttls-not-supported"] = "FixStarttlsNotSupported",
            ["certificate-host-mismatch"] = "FixCertificateHostMismatch",
            ["certificate-expired"] = "FixCertificateExpired",
            ["certificate-not-trusted"] = "FixCertificateNotTrusted",
            ["validation-failure"] = "FixValidationFailure",
            ["tlsa-invalid"] = "FixTlsaInvalid",
            ["dnssec-invalid"] = "FixDnssecInvalid",
            ["dane-required"] = "FixDaneRequired",
            ["sts-policy-fetch-error"] = "FixStsPolicyFetchError",
            ["sts-policy-invalid"] = "FixStsPolicyInvalid",
            ["sts-webpki-invalid"] = "FixStsWebpkiInvalid",
        };

        /// <summary>The fix for <paramref name="resultType"/>, or null for a type outside the registry.</summary>
        public static string? For(string resultType) => Keys.TryGetValue(resultType, out string? key) ? Messages.Get(key) : null;
    }
}
