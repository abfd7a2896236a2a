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

        private const string WellKnownFolder = ".well-known";

        private static readonly string PolicyFileName = PolicyPath.Substring(PolicyPath.LastIndexOf('/') + 1);

        /// <summary>Where the policy file lives under a web root on disk.</summary>
        public static string PolicyFile(string webRoot) => Path.Combine(webRoot, WellKnownFolder, PolicyFileName);

        /// <summary>
        /// The Policy Domain a web root's folder name makes clear: 'mta-sts.example.com' (the policy host, RFC 8461
        /// §3.3) or 'example.com' give example.com. Null when the name is not a domain of two labels or more
        /// ('html', 'public_html', 'site 1'): a guess there would put the policy under the wrong name.
        /// </summary>
        public static string? DomainOfWebRoot(string webRoot)
        {
            string name = Path.GetFileName(webRoot.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            if (name.StartsWith(PolicyHostLabel + ".", System.StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(PolicyHostLabel.Length + 1);
            }

            return Syntax.DomainNameInput.TryNormalize(name, out string domain) == null && domain.IndexOf('.') > 0 ? domain : null;
        }

        /// <summary>The web root of a policy file at &lt;root&gt;/.well-known/mta-sts.txt, or null for a file elsewhere.</summary>
        public static string? WebRootOf(string policyFile)
        {
            string? wellKnown = Path.GetDirectoryName(policyFile);
            return wellKnown != null && Path.GetFileName(policyFile) == PolicyFileName && Path.GetFileName(wellKnown) == WellKnownFolder
                ? Path.GetDirectoryName(wellKnown)
                : null;
        }
    }
}
