using System.Text;

namespace MtaSts.Syntax
{
    /// <summary>
    /// The one escaping rule for text from outside (a policy, a record, a report, a server's answer, a file name) that
    /// reaches a message or a view: the characters a terminal or a text renderer acts on are written as \uXXXX, so an
    /// ESC or CSI sequence, a smuggled line or reversed text cannot change what the user sees. Objects keep the raw value.
    /// </summary>
    public static class DisplayText
    {
        /// <summary>C0 and C1 controls and DEL, the line and paragraph separators, and the bidirectional controls.</summary>
        public static bool NeedsEscape(char c) =>
            c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\u061C' || c == '\u200E' || c == '\u200F'
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

        /// <summary>
        /// <paramref name="value"/> with every character of <see cref="NeedsEscape"/> as \uXXXX, cut after
        /// <paramref name="maxLength"/> characters with a note of how many were left out.
        /// </summary>
        public static string Escape(string value, int maxLength = int.MaxValue)
        {
            int length = value.Length > maxLength ? maxLength : value.Length;
            int i = 0;
            while (i < length && !NeedsEscape(value[i]))
            {
                i++;
            }

            if (i == value.Length)
            {
                return value;
            }

            var text = new StringBuilder(length + 16);
            text.Append(value, 0, i);
            for (; i < length; i++)
            {
                char c = value[i];
                if (NeedsEscape(c))
                {
                    text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    text.Append(c);
                }
            }

            if (value.Length > length)
            {
                text.Append("… (+").Append(value.Length - length).Append(')');
            }

            return text.ToString();
        }
    }
}
