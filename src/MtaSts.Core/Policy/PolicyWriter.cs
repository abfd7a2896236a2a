using System.Globalization;
using System.Text;

namespace MtaSts.Policy
{
    /// <summary>
    /// Writes the canonical policy text: <c>version</c>, <c>mode</c>, each <c>mx</c>, <c>max_age</c>, then any
    /// extensions; one space after each colon and every line ended by CRLF (RFC 8461 §3.2). Version comes first
    /// because Google Workspace's instructions require it; CRLF satisfies both the prose and the ABNF.
    /// </summary>
    public static class PolicyWriter
    {
        /// <summary>The registered path of the policy file (RFC 8461 §9.1).</summary>
        public const string WellKnownPath = "/.well-known/mta-sts.txt";

        private const string Crlf = "\r\n";

        public static string Write(MtaStsPolicy policy)
        {
            var sb = new StringBuilder(64 + (policy.Mx.Count * 32));
            sb.Append("version: STSv1").Append(Crlf);
            sb.Append("mode: ").Append(MtaStsPolicy.ModeText(policy.Mode)).Append(Crlf);
            foreach (var mx in policy.Mx)
            {
                sb.Append("mx: ").Append(mx.Value).Append(Crlf);
            }

            sb.Append("max_age: ").Append(policy.MaxAge.ToString(CultureInfo.InvariantCulture)).Append(Crlf);
            foreach (var extension in policy.Extensions)
            {
                sb.Append(extension.Name).Append(": ").Append(extension.Value).Append(Crlf);
            }

            return sb.ToString();
        }
    }
}
