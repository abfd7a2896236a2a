using System.Globalization;
using System;
using System.Linq;
using MtaSts.Diagnostics;
using MtaSts.Resources;

namespace MtaSts.Syntax
{
    /// <summary>
    /// Turns a domain name typed by a person into the one form MTA-STS uses: lowercase A-labels without a
    /// trailing dot (RFC 8461 §3.2 requires A-labels; RFC 6125 §6.4.1 compares case-insensitively).
    /// </summary>
    internal static class DomainNameInput
    {
        private static readonly IdnMapping Idn = new IdnMapping { UseStd3AsciiRules = true, AllowUnassigned = false };

        /// <summary>
        /// Normalises <paramref name="input"/>, or returns the reason it cannot be a host name
        /// (the message's subject is the value; the caller adds what it was meant to be).
        /// </summary>
        public static string? TryNormalize(string? input, out string normalized)
        {
            normalized = string.Empty;
            if (string.IsNullOrEmpty(input))
            {
                return Messages.Get("NameEmpty");
            }

            string text = input!;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsControl(c))
                {
                    return Messages.Format(c == '\r' || c == '\n' ? "NameLineBreak" : "NameControlCharacter", DomainSyntax.Printable(c), i + 1);
                }

                if (c == ',' || c == ';')
                {
                    return Messages.Format("NameList", c, i + 1, ListExample(text, c));
                }

                if (char.IsWhiteSpace(c))
                {
                    return Messages.Format("NameWhiteSpaceAt", i + 1);
                }
            }

            int scheme = text.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0)
            {
                return Messages.Format("NameUrl", HostOfUrl(text, scheme + 3));
            }

            int colon = text.IndexOf(':');
            if (colon > 0 && colon == text.LastIndexOf(':') && text[0] != '[')
            {
                return Messages.Format("NamePort", text.Substring(colon), text.Substring(0, colon));
            }

            if (text[0] == '[' || colon >= 0 || DomainSyntax.LooksLikeIpAddress(text.TrimEnd('.').AsSpan()))
            {
                return Messages.Get("NameIpAddress");
            }

            if (text.Length > 1 && text[text.Length - 1] == '.')
            {
                text = text.Substring(0, text.Length - 1);
            }

            if (HasNonAscii(text))
            {
                try
                {
                    text = Idn.GetAscii(text);
                }
                catch (ArgumentException)
                {
                    return Messages.Get("NameIdnInvalid");
                }
            }

            text = ToLowerAscii(text);
            var problem = DomainSyntax.Check(text.AsSpan(), out int index);
            if (problem != DomainProblem.None)
            {
                return DomainSyntax.Explain(problem, text, index);
            }

            string? punycodeProblem = CheckALabels(text);
            if (punycodeProblem != null)
            {
                return punycodeProblem;
            }

            normalized = text;
            return null;
        }

        /// <summary>The parts of a value that holds a list, written as the separate values PowerShell takes.</summary>
        private static string ListExample(string text, char separator)
        {
            var parts = text.Split(separator).Select(p => p.Trim()).Where(p => p.Length > 0).Take(3).Select(p => "'" + DomainSyntax.Shown(p) + "'");
            return string.Join(",", parts);
        }

        private static string HostOfUrl(string text, int start)
        {
            int end = text.IndexOfAny(new[] { '/', ':', '?', '#' }, start);
            return DomainSyntax.Shown(end < 0 ? text.Substring(start) : text.Substring(start, end - start));
        }

        public static string Normalize(string? input, string code, string messageKey, string rfcSection)
        {
            string? reason = TryNormalize(input, out string normalized);
            if (reason != null)
            {
                throw new MtaStsFormatException(new Finding(code, Severity.Error,
                    Messages.Format(messageKey, DomainSyntax.Shown(input), reason), rfcSection, Target: input));
            }

            return normalized;
        }

        /// <summary>
        /// The host name in the form patterns are compared with: one trailing dot dropped, U-labels converted to
        /// A-labels. ASCII names are returned as a slice of the input (compare them ignoring ASCII case); false
        /// when the name is empty or cannot be converted.
        /// </summary>
        public static bool TryForComparison(string? host, out ReadOnlySpan<char> name)
        {
            name = default;
            if (string.IsNullOrEmpty(host))
            {
                return false;
            }

            int length = host![host.Length - 1] == '.' ? host.Length - 1 : host.Length;
            if (!HasNonAscii(host))
            {
                name = host.AsSpan(0, length);
                return length > 0;
            }

            try
            {
                name = ToLowerAscii(Idn.GetAscii(host.Substring(0, length))).AsSpan();
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        internal static bool HasNonAscii(string text)
        {
            foreach (char c in text)
            {
                if (c > 0x7F)
                {
                    return true;
                }
            }

            return false;
        }

        internal static string ToLowerAscii(string text)
        {
            int i = 0;
            while (i < text.Length && (text[i] < 'A' || text[i] > 'Z'))
            {
                i++;
            }

            if (i == text.Length)
            {
                return text;
            }

            var chars = text.ToCharArray();
            for (; i < chars.Length; i++)
            {
                if (chars[i] >= 'A' && chars[i] <= 'Z')
                {
                    chars[i] = (char)(chars[i] | 0x20);
                }
            }

            return new string(chars);
        }

        private static string? CheckALabels(string text)
        {
            if (text.IndexOf("xn--", StringComparison.Ordinal) < 0)
            {
                return null;
            }

            try
            {
                Idn.GetUnicode(text);
                return null;
            }
            catch (ArgumentException)
            {
                return Messages.Get("NamePunycodeInvalid");
            }
        }
    }
}
