using System.Text;
using System;
using MtaSts.Diagnostics;
using MtaSts.Resources;
using MtaSts.Syntax;

namespace MtaSts.Records
{
    /// <summary>
    /// TLS-RPT report destinations (RFC 8460 §3): <c>mailto:</c> and <c>https:</c> URIs (RFC 3986) in which
    /// ',', '!' and ';' are percent-encoded, so that they cannot be mistaken for the record's own separators.
    /// </summary>
    internal static class ReportUri
    {
        private const string Section = "RFC 8460 §3";

        /// <summary>
        /// Turns a destination typed by a person into the URI the record carries: a bare address gets
        /// <c>mailto:</c>, the scheme is lowercased, host names become A-labels, ',', '!' and ';' are
        /// percent-encoded, and so is any non-ASCII character of the path.
        /// </summary>
        public static string Normalize(string? input)
        {
            string? reason = TryNormalize(input, out string uri);
            if (reason != null)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.TlsRptRuaInvalid, Severity.Error,
                    Messages.Format("RuaDestinationInvalid", DomainSyntax.Shown(input), reason),
                    Section, Target: input));
            }

            return uri;
        }

        /// <summary>Checks a URI as it stands in a record: a scheme, then URI characters, with ',', '!' and ';' encoded.</summary>
        public static string? CheckInRecord(ReadOnlySpan<char> uri)
        {
            int colon = uri.IndexOf(':');
            if (colon <= 0 || !IsScheme(uri.Slice(0, colon)))
            {
                return uri.IndexOf('@') > 0
                    ? Messages.Get("RuaBareAddress")
                    : Messages.Get("RuaNoScheme");
            }

            var scheme = uri.Slice(0, colon);
            bool mailto = scheme.Equals("mailto".AsSpan(), StringComparison.OrdinalIgnoreCase);
            bool https = scheme.Equals("https".AsSpan(), StringComparison.OrdinalIgnoreCase);
            if (!mailto && !https)
            {
                return scheme.Equals("http".AsSpan(), StringComparison.OrdinalIgnoreCase)
                    ? Messages.Get("RuaHttp")
                    : Messages.Format("RuaScheme", scheme.ToString());
            }

            if (colon == uri.Length - 1)
            {
                return Messages.Get("RuaNothingAfterScheme");
            }

            for (int i = colon + 1; i < uri.Length; i++)
            {
                char c = uri[i];
                if (c == '%')
                {
                    if (i + 2 >= uri.Length || !IsHex(uri[i + 1]) || !IsHex(uri[i + 2]))
                    {
                        return Messages.Format("RuaBadEscape", i + 1);
                    }

                    i += 2;
                    continue;
                }

                if (c == '!')
                {
                    return Messages.Format("RuaExclamation", i + 1);
                }

                if (!IsUriChar(c))
                {
                    return Messages.Format("RuaBadCharacter", DomainSyntax.Printable(c), i + 1);
                }
            }

            return null;
        }

        private static string? TryNormalize(string? input, out string uri)
        {
            uri = string.Empty;
            if (string.IsNullOrEmpty(input))
            {
                return Messages.Get("RuaEmpty");
            }

            foreach (char c in input!)
            {
                if (char.IsControl(c))
                {
                    return Messages.Format("RuaControlCharacter", DomainSyntax.Printable(c));
                }

                if (char.IsWhiteSpace(c))
                {
                    return Messages.Get("RuaWhiteSpace");
                }
            }

            int colon = input.IndexOf(':');
            string scheme = colon > 0 && IsScheme(input.AsSpan(0, colon)) ? input.Substring(0, colon).ToLowerInvariant() : string.Empty;
            string rest;
            if (scheme.Length == 0)
            {
                if (input.IndexOf('@') <= 0)
                {
                    return Messages.Get("RuaNeither");
                }

                scheme = "mailto";
                rest = input;
            }
            else
            {
                rest = input.Substring(colon + 1);
            }

            switch (scheme)
            {
                case "mailto":
                    return NormalizeMailto(rest, out uri);
                case "https":
                    return NormalizeHttps(rest, out uri);
                case "http":
                    return Messages.Get("RuaHttp");
                default:
                    return Messages.Format("RuaScheme", scheme);
            }
        }

        private static string? NormalizeMailto(string address, out string uri)
        {
            uri = string.Empty;
            int query = address.IndexOf('?');
            string mailbox = query < 0 ? address : address.Substring(0, query);
            int at = mailbox.LastIndexOf('@');
            if (at <= 0 || at == mailbox.Length - 1)
            {
                return Messages.Get("RuaMailtoAddress");
            }

            string local = mailbox.Substring(0, at);
            if (DomainNameInput.HasNonAscii(local))
            {
                return Messages.Get("RuaMailboxNonAscii");
            }

            string? reason = DomainNameInput.TryNormalize(mailbox.Substring(at + 1), out string domain);
            if (reason != null)
            {
                return Messages.Format("RuaDomainInvalid", reason);
            }

            uri = "mailto:" + Encode(local) + "@" + domain + (query < 0 ? string.Empty : Encode(address.Substring(query)));
            return CheckInRecord(uri.AsSpan());
        }

        private static string? NormalizeHttps(string rest, out string uri)
        {
            uri = string.Empty;
            if (!rest.StartsWith("//", StringComparison.Ordinal))
            {
                return Messages.Get("RuaHttpsUrl");
            }

            int hostEnd = rest.IndexOfAny(new[] { '/', '?', '#' }, 2);
            string authority = hostEnd < 0 ? rest.Substring(2) : rest.Substring(2, hostEnd - 2);
            string path = hostEnd < 0 ? string.Empty : rest.Substring(hostEnd);
            int portColon = authority.LastIndexOf(':');
            string host = portColon < 0 ? authority : authority.Substring(0, portColon);
            string port = portColon < 0 ? string.Empty : authority.Substring(portColon);
            if (port.Length > 0 && (port.Length == 1 || !ushort.TryParse(port.Substring(1), out _)))
            {
                return Messages.Format("RuaPort", port.Substring(1));
            }

            string? reason = DomainNameInput.TryNormalize(host, out string domain);
            if (reason != null)
            {
                return Messages.Format("RuaHostInvalid", reason);
            }

            uri = "https://" + domain + port + Encode(path);
            return CheckInRecord(uri.AsSpan());
        }

        /// <summary>Percent-encodes ',', '!', ';' (RFC 8460 §3) and any non-ASCII character (as UTF-8, RFC 3986 §2.5).</summary>
        private static string Encode(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                if (b == ',' || b == '!' || b == ';' || b > 0x7F)
                {
                    sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append((char)b);
                }
            }

            return sb.ToString();
        }

        private static bool IsScheme(ReadOnlySpan<char> scheme)
        {
            if (scheme.IsEmpty || !char.IsLetter(scheme[0]) || scheme[0] > 0x7F)
            {
                return false;
            }

            foreach (char c in scheme)
            {
                if (!DomainSyntax.IsLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsHex(char c) => (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 'f' - 'a';

        /// <summary>RFC 3986 unreserved, gen-delims and sub-delims, less ',', '!' and ';' (RFC 8460 §3).</summary>
        private static bool IsUriChar(char c) =>
            DomainSyntax.IsLetterOrDigit(c) || "-._~:/?#[]@$&'()*+=".IndexOf(c) >= 0;
    }
}
