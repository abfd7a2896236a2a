using System.Collections.Generic;
using System.Text;

namespace MtaSts.Records
{
    /// <summary>
    /// TXT record data in RFC 1035 §5.1 master-file syntax: quoted character-strings of at most 255 bytes
    /// (§3.3.14), with '"' and '\' escaped. Readers join the strings with no separator (RFC 8461 §3.1).
    /// </summary>
    public static class DnsTxtText
    {
        public const int MaxStringBytes = 255;

        /// <summary>
        /// Joins the character-strings of one TXT record with no separator, as RFC 8461 §3.1 and RFC 8460 §3
        /// require (joining with a space would turn "id=" "123" into a broken "id= 123").
        /// </summary>
        public static string Join(IEnumerable<string> strings) => string.Concat(strings);

        /// <summary>Splits the ASCII value into character-strings of at most 255 bytes.</summary>
        public static IReadOnlyList<string> Split(string value)
        {
            var parts = new List<string>();
            for (int start = 0; start < value.Length; start += MaxStringBytes)
            {
                parts.Add(value.Substring(start, System.Math.Min(MaxStringBytes, value.Length - start)));
            }

            if (parts.Count == 0)
            {
                parts.Add(string.Empty);
            }

            return parts;
        }

        /// <summary>The value as one or more quoted strings, separated by a space.</summary>
        public static string Quote(string value)
        {
            var sb = new StringBuilder(value.Length + 8);
            foreach (var part in Split(value))
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append('"');
                foreach (char c in part)
                {
                    if (c == '"' || c == '\\')
                    {
                        sb.Append('\\');
                    }

                    sb.Append(c);
                }

                sb.Append('"');
            }

            return sb.ToString();
        }
    }
}
