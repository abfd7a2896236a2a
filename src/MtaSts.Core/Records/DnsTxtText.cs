using System.Collections.Generic;
using System.Text;
using MtaSts.Diagnostics;
using MtaSts.Resources;

namespace MtaSts.Records
{
    /// <summary>
    /// TXT record data in RFC 1035 §5.1 master-file syntax: quoted character-strings of at most 255 bytes
    /// (§3.3.14), with '"' and '\' escaped. Readers join the strings with no separator (RFC 8461 §3.1).
    /// </summary>
    public static class DnsTxtText
    {
        public const int MaxStringBytes = 255;

        /// <summary>RFC 1035 §3.2.1: RDLENGTH is 16 bits, so no DNS message carries more record data than this.</summary>
        public const int MaxRdataBytes = 65535;

        /// <summary>
        /// The EDNS buffer size DNS Flag Day 2020 made the default: a larger answer is truncated over UDP, and resolvers
        /// or firewalls that do not retry over TCP then see no record at all.
        /// </summary>
        public const int UdpAnswerBytes = 1232;

        /// <summary>The record data the value takes: its bytes plus one length octet per character-string (RFC 1035 §3.3.14).</summary>
        public static int RdataLength(string value)
        {
            int bytes = Encoding.UTF8.GetByteCount(value);
            return bytes + System.Math.Max(1, (bytes + MaxStringBytes - 1) / MaxStringBytes);
        }

        /// <summary>
        /// The size of a DNS answer that carries only this record for <paramref name="name"/>: header (12), question
        /// (the name, type and class), answer (a compressed name, type, class, TTL, length and the data) and an EDNS
        /// OPT record (11), per RFC 1035 §4.1 and RFC 6891 §6.1.2.
        /// </summary>
        public static int AnswerLength(string name, string value) =>
            12 + (name.TrimEnd('.').Length + 2 + 4) + (2 + 10 + RdataLength(value)) + 11;

        /// <summary>An error when no DNS message can carry <paramref name="value"/> (RFC 1035 §3.2.1), or null.</summary>
        internal static Finding? TooLargeForDns(string value, string code, int line = 0, int column = 0)
        {
            int rdata = RdataLength(value);
            return rdata <= MaxRdataBytes ? null
                : new Finding(code, Severity.Error, Messages.Format("TxtRecordTooLarge", rdata, MaxRdataBytes), "RFC 1035 §3.2.1", line, column);
        }

        /// <summary>A warning when an answer carrying <paramref name="value"/> at <paramref name="name"/> is larger than a UDP answer by default, or null.</summary>
        internal static Finding? LargerThanUdpAnswer(string name, string value, string code, int line = 0, int column = 0, string? target = null)
        {
            int answer = AnswerLength(name, value);
            return answer <= UdpAnswerBytes ? null
                : new Finding(code, Severity.Warning, Messages.Format("TxtRecordLarge", answer, UdpAnswerBytes), "RFC 6891 §6.2.5", line, column, target);
        }

        /// <summary>
        /// Joins the character-strings of one TXT record with no separator, as RFC 8461 §3.1 and RFC 8460 §3
        /// require (joining with a space would turn "id=" "123" into a broken "id= 123").
        /// </summary>
        public static string Join(IEnumerable<string> strings) => string.Concat(strings);

        /// <summary>
        /// Reads TXT data in the presentation form dig and zone files print (RFC 1035 §5.1): one or more quoted
        /// character-strings separated by white space, with \" , \\ and \DDD escapes. The strings are joined as DNS
        /// joins them. False when <paramref name="text"/> is not entirely in that form.
        /// </summary>
        public static bool TryReadPresentation(string text, out string value, out int strings)
        {
            value = string.Empty;
            strings = 0;
            var bytes = new List<byte>(text.Length);
            int i = SkipBlank(text, 0);
            if (i == text.Length || text[i] != '"')
            {
                return false;
            }

            while (i < text.Length)
            {
                if (text[i] != '"')
                {
                    return false;
                }

                for (i++; ; i++)
                {
                    if (i == text.Length)
                    {
                        return false;
                    }

                    char c = text[i];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        if (i + 3 < text.Length && IsDigit(text[i + 1]) && IsDigit(text[i + 2]) && IsDigit(text[i + 3]))
                        {
                            int code = ((text[i + 1] - '0') * 100) + ((text[i + 2] - '0') * 10) + (text[i + 3] - '0');
                            if (code > 255)
                            {
                                return false;
                            }

                            bytes.Add((byte)code);
                            i += 3;
                            continue;
                        }

                        if (++i == text.Length)
                        {
                            return false;
                        }

                        c = text[i];
                    }

                    bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                }

                strings++;
                i = SkipBlank(text, i + 1);
            }

            value = Encoding.UTF8.GetString(bytes.ToArray());
            return true;
        }

        private static int SkipBlank(string text, int i)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
            {
                i++;
            }

            return i;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

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
