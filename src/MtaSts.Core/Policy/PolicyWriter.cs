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
        private const string Crlf = "\r\n";
        private const string Head = "version: " + WellKnownNames.StsVersion + Crlf + "mode: ";

        public static string Write(MtaStsPolicy policy)
        {
            string mode = MtaStsPolicy.ModeText(policy.Mode);
            string maxAge = policy.MaxAge.ToString(CultureInfo.InvariantCulture);
            int length = Head.Length + mode.Length + 2 + "max_age: ".Length + maxAge.Length + 2;
            var patterns = policy.Mx;
            var extensions = policy.Extensions;
            for (int i = 0; i < patterns.Count; i++)
            {
                length += "mx: ".Length + patterns[i].Value.Length + 2;
            }

            for (int i = 0; i < extensions.Count; i++)
            {
                length += extensions[i].Name.Length + 2 + extensions[i].Value.Length + 2;
            }

            var text = new StringBuilder(length);
            text.Append(Head).Append(mode).Append(Crlf);
            for (int i = 0; i < patterns.Count; i++)
            {
                text.Append("mx: ").Append(patterns[i].Value).Append(Crlf);
            }

            text.Append("max_age: ").Append(maxAge).Append(Crlf);
            for (int i = 0; i < extensions.Count; i++)
            {
                text.Append(extensions[i].Name).Append(": ").Append(extensions[i].Value).Append(Crlf);
            }

            return text.ToString();
        }
    }
}
