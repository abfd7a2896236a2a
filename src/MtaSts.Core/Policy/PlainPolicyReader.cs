#if NET8_0_OR_GREATER
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using System.Text;

namespace MtaSts.Policy
{
    /// <summary>
    /// Reads, straight from the bytes, a policy that the full parser would accept without a single warning and that is
    /// plain ASCII: registered fields in lowercase, version first, no repeated field, MX names of at most 63 characters in
    /// lowercase, max_age of at least a day. That is the policy nearly every domain serves. For anything else it answers
    /// null, and <see cref="PolicyParser"/> reads the text again in full for its errors, warnings, lines and columns.
    /// What it accepts is exactly the RFC 8461 §3.2 grammar; a property test holds it to the full parser's results.
    /// </summary>
    internal static class PlainPolicyReader
    {
        private static readonly ulong VersionColon = BinaryPrimitives.ReadUInt64LittleEndian("version:"u8);
        private static readonly ulong MaxAgeColon = BinaryPrimitives.ReadUInt64LittleEndian("max_age:"u8);
        private static readonly uint ModeWord = BinaryPrimitives.ReadUInt32LittleEndian("mode"u8);
        private static readonly uint MxColon = BinaryPrimitives.ReadUInt32LittleEndian("mx:\0"u8);

        public static MtaStsPolicy? TryRead(ReadOnlySpan<byte> text)
        {
            var fields = new Fields();
            int pos = 0;
            while (pos < text.Length)
            {
                int found = text.Slice(pos).IndexOf((byte)'\n');
                int end = found < 0 ? text.Length : pos + found;

                // RFC 8461 §3.2 with erratum 6253: a line ends in LF or CRLF; any other CR is left to the full parser.
                int contentEnd = found > 0 && text[end - 1] == '\r' ? end - 1 : end;
                if (!fields.Read(text.Slice(pos, contentEnd - pos)))
                {
                    return null;
                }

                pos = end + 1;
            }

            return fields.Finish();
        }

        private struct Fields
        {
            private int count;
            private bool versionFirst;
            private PolicyMode? mode;
            private int maxAge;
            private PolicyParser.MxCollector mx;
            private List<ExtensionField>? extensions;

            public bool Read(ReadOnlySpan<byte> line)
            {
                if (line.Length < 4)
                {
                    return false;
                }

                uint head = BinaryPrimitives.ReadUInt32LittleEndian(line);
                if ((head & 0x00FFFFFF) == MxColon)
                {
                    count++;
                    return ReadMx(Trim(line.Slice(3)));
                }

                if (head == ModeWord && line.Length > 4 && line[4] == ':')
                {
                    count++;
                    return mode == null && (mode = ModeNamed(Trim(line.Slice(5)))) != null;
                }

                if (line.Length >= 8)
                {
                    ulong word = BinaryPrimitives.ReadUInt64LittleEndian(line);
                    if (word == VersionColon)
                    {
                        count++;
                        return ReadVersion(Trim(line.Slice(8)));
                    }

                    if (word == MaxAgeColon)
                    {
                        count++;
                        return ReadMaxAge(Trim(line.Slice(8)));
                    }
                }

                return ReadExtension(line);
            }

            public readonly MtaStsPolicy? Finish()
            {
                // Anything the full parser would warn about or refuse: a version not first or missing, no mode, max_age
                // missing or under a day, no MX.
                if (!versionFirst || mode == null || maxAge < MtaStsPolicy.RecommendedMinMaxAge || mx.Count == 0)
                {
                    return null;
                }

                return new MtaStsPolicy(mode.Value, mx.ToArray(), maxAge, extensions, null);
            }

            private bool ReadVersion(ReadOnlySpan<byte> value)
            {
                versionFirst = count == 1 && value.SequenceEqual("STSv1"u8);
                return versionFirst;
            }

            private bool ReadMaxAge(ReadOnlySpan<byte> value)
            {
                // One to eight digits without a leading zero, at most 31557600: the full parser warns about the rest. So a
                // max_age already read is never 0.
                if (maxAge != 0 || value.IsEmpty || value.Length > 8 || value[0] == '0')
                {
                    return false;
                }

                int seconds = 0;
                foreach (byte digit in value)
                {
                    if ((uint)(digit - '0') > 9)
                    {
                        return false;
                    }

                    seconds = (seconds * 10) + (digit - '0');
                }

                maxAge = seconds;
                return seconds <= MtaStsPolicy.MaxMaxAge;
            }

            private bool ReadMx(ReadOnlySpan<byte> value)
            {
                bool wildcard = value.Length > 2 && value[0] == '*' && value[1] == '.';
                if (!IsPlainHostName(wildcard ? value.Slice(2) : value))
                {
                    return false;
                }

                var pattern = MxPattern.FromPlainName(Encoding.ASCII.GetString(value));
                if (mx.Contains(pattern))
                {
                    return false;
                }

                mx.Add(pattern);
                return true;
            }

            private bool ReadExtension(ReadOnlySpan<byte> line)
            {
                int colon = line.IndexOf((byte)':');
                if (colon <= 0 || colon > Syntax.FieldName.MaxLength || !IsLetterOrDigit(line[0]))
                {
                    return false;
                }

                var name = line.Slice(0, colon);
                foreach (byte c in name)
                {
                    if (!IsLetterOrDigit(c) && c != '_' && c != '-' && c != '.')
                    {
                        return false;
                    }
                }

                // A registered name in another case ("Mode") gets a warning from the full parser.
                if (IsRegisteredIgnoringCase(name))
                {
                    return false;
                }

                var value = Trim(line.Slice(colon + 1));
                if (value.IsEmpty)
                {
                    return false;
                }

                // Printable ASCII and spaces (RFC 8461 §3.2 sts-policy-ext-value); a tab or other control character, or
                // anything beyond ASCII, goes to the full parser.
                foreach (byte c in value)
                {
                    if (c < 0x20 || c > 0x7E)
                    {
                        return false;
                    }
                }

                count++;
                (extensions ??= new List<ExtensionField>()).Add(new ExtensionField(Encoding.ASCII.GetString(name), Encoding.ASCII.GetString(value)));
                return true;
            }
        }

        private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value)
        {
            int start = 0;
            while (start < value.Length && (value[start] == ' ' || value[start] == '\t'))
            {
                start++;
            }

            int end = value.Length;
            while (end > start && (value[end - 1] == ' ' || value[end - 1] == '\t'))
            {
                end--;
            }

            return value.Slice(start, end - start);
        }

        private static PolicyMode? ModeNamed(ReadOnlySpan<byte> value) =>
            value.SequenceEqual("enforce"u8) ? PolicyMode.Enforce
            : value.SequenceEqual("testing"u8) ? PolicyMode.Testing
            : value.SequenceEqual("none"u8) ? PolicyMode.None
            : null;

        private static bool IsRegisteredIgnoringCase(ReadOnlySpan<byte> name) =>
            Ascii.EqualsIgnoreCase(name, "version"u8) || Ascii.EqualsIgnoreCase(name, "mode"u8)
            || Ascii.EqualsIgnoreCase(name, "mx"u8) || Ascii.EqualsIgnoreCase(name, "max_age"u8);

        private static bool IsLetterOrDigit(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;

        /// <summary>
        /// RFC 5321 §4.1.2 Domain in lowercase, at most 63 characters, with at least two labels and a last label that is
        /// not all digits (the full parser warns about the others). Sixteen characters per compare, as bit masks: no dot
        /// or hyphen after a dot or at the start, no dot after a hyphen, no dot or hyphen at the end.
        /// </summary>
        private static bool IsPlainHostName(ReadOnlySpan<byte> name)
        {
            int length = name.Length;
            if (length == 0 || length > Syntax.DomainSyntax.MaxLabelLength)
            {
                return false;
            }

            ulong dots = 0, hyphens = 0, invalid = 0;
            if (length >= 16 && Vector128.IsHardwareAccelerated)
            {
                int last = length - 16;
                for (int start = 0; ; start += 16)
                {
                    int at = Math.Min(start, last);
                    var v = Vector128.Create(name.Slice(at, 16));
                    var dot = Vector128.Equals(v, Vector128.Create((byte)'.'));
                    var hyphen = Vector128.Equals(v, Vector128.Create((byte)'-'));
                    var lower = Vector128.LessThanOrEqual(v - Vector128.Create((byte)'a'), Vector128.Create((byte)('z' - 'a')));
                    var digit = Vector128.LessThanOrEqual(v - Vector128.Create((byte)'0'), Vector128.Create((byte)9));
                    dots |= (ulong)dot.ExtractMostSignificantBits() << at;
                    hyphens |= (ulong)hyphen.ExtractMostSignificantBits() << at;
                    invalid |= (ulong)(~(lower | digit | dot | hyphen)).ExtractMostSignificantBits() << at;
                    if (at == last)
                    {
                        break;
                    }
                }
            }
            else
            {
                for (int i = 0; i < length; i++)
                {
                    byte c = name[i];
                    ulong bit = 1UL << i;
                    dots |= c == '.' ? bit : 0;
                    hyphens |= c == '-' ? bit : 0;
                    invalid |= (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '.' || c == '-' ? 0 : bit;
                }
            }

            ulong edges = dots | hyphens;
            ulong bad = invalid | (((dots << 1) | 1) & edges) | ((hyphens << 1) & dots) | ((edges >> (length - 1)) & 1);
            return bad == 0 && dots != 0 && !IsAllDigits(name.Slice(name.LastIndexOf((byte)'.') + 1));
        }

        private static bool IsAllDigits(ReadOnlySpan<byte> label)
        {
            foreach (byte c in label)
            {
                if ((uint)(c - '0') > 9)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
#endif
