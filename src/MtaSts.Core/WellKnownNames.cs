using System.IO;

namespace MtaSts
{
    /// <summary>The names and version tags that RFC 8461 and RFC 8460 fix, each written once.</summary>
    public static class WellKnownNames
    {
        /// <summary>RFC 8461 §3.1: the label of the policy's TXT record.</summary>
        public const string StsRecordLabel = "_mta-sts";

        /// <summary>RFC 8461 §3.1, §3.2: the version of the TXT record and of the policy.</summary>
        public const string StsVersion = "STSv1";

        /// <summary>RFC 8461 §3.1: every TXT record value starts with this field.</summary>
        public const string StsRecordPrefix = "v=" + StsVersion;

        /// <summary>RFC 8461 §3.3: the label of the host that serves the policy.</summary>
        public const string PolicyHostLabel = "mta-sts";

        /// <summary>RFC 8461 §3.3: the path of the policy on that host.</summary>
        public const string PolicyPath = "/.well-known/mta-sts.txt";

        /// <summary>RFC 8460 §3: the label of the TLS-RPT record.</summary>
        public const string TlsRptRecordLabel = "_smtp._tls";

        /// <summary>RFC 8460 §3: the version of the TLS-RPT record.</summary>
        public const string TlsRptVersion = "TLSRPTv1";

        /// <summary>RFC 8460 §3: every TLS-RPT record value starts with this field.</summary>
        public const string TlsRptRecordPrefix = "v=" + TlsRptVersion;

        public static string PolicyHost(string domain) => PolicyHostLabel + "." + domain;

        public static string PolicyUrl(string domain) => "https://" + PolicyHost(domain) + PolicyPath;

        /// <summary>Where the policy file lives under a web root on disk.</summary>
        public static string PolicyFile(string webRoot) =>
            Path.Combine(webRoot, ".well-known", PolicyPath.Substring(PolicyPath.LastIndexOf('/') + 1));
    }
}
