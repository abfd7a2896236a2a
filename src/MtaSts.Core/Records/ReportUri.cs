using System;
using System.Text;
using MtaSts.Validation;

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
                    $"'{DomainSyntax.Shown(input)}' is not a usable report destination: {reason}. Give an address such as 'tlsrpt@example.com' (it becomes mailto:) or an https:// URL.",
                    Section, target: input));
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
                    ? "it has no scheme: a bare address is not a URI; write 'mailto:' in front of it"
                    : "it is not a URI (it has no scheme such as 'mailto:' or 'https:')";
            }

            var scheme = uri.Slice(0, colon);
            bool mailto = scheme.Equals("mailto".AsSpan(), StringComparison.OrdinalIgnoreCase);
            bool https = scheme.Equals("https".AsSpan(), StringComparison.OrdinalIgnoreCase);
            if (!mailto && !https)
            {
                return scheme.Equals("http".AsSpan(), StringComparison.OrdinalIgnoreCase)
                    ? "http: is not a report transport; reports are posted over https: only"
                    : $"the scheme '{scheme.ToString()}' is not a report transport; only mailto: and https: are defined";
            }

            if (colon == uri.Length - 1)
            {
                return "nothing follows the scheme";
            }

            for (int i = colon + 1; i < uri.Length; i++)
            {
                char c = uri[i];
                if (c == '%')
                {
                    if (i + 2 >= uri.Length || !IsHex(uri[i + 1]) || !IsHex(uri[i + 2]))
                    {
                        return $"'%' at position {i + 1} does not start a %XX escape";
                    }

                    i += 2;
                    continue;
                }

                if (c == '!')
                {
                    return $"it contains '!' at position {i + 1}, which must be written %21 (DMARC-style size limits such as !10m do not exist in TLS-RPT)";
                }

                if (!IsUriChar(c))
                {
                    return $"'{DomainSyntax.Printable(c)}' at position {i + 1} cannot appear in a URI";
                }
            }

            return null;
        }

        private static string? TryNormalize(string? input, out string uri)
        {
            uri = string.Empty;
            if (string.IsNullOrEmpty(input))
            {
                return "it is empty";
            }

            foreach (char c in input!)
            {
                if (char.IsControl(c))
                {
                    return $"it contains the control character {DomainSyntax.Printable(c)}";
                }

                if (char.IsWhiteSpace(c))
                {
                    return "it contains white space; give each destination as a separate value";
                }
            }

            int colon = input.IndexOf(':');
            string scheme = colon > 0 && IsScheme(input.AsSpan(0, colon)) ? input.Substring(0, colon).ToLowerInvariant() : string.Empty;
            string rest;
            if (scheme.Length == 0)
            {
                if (input.IndexOf('@') <= 0)
                {
                    return "it is neither an e-mail address nor a mailto: or https: URI";
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
                    return "http: is not a report transport; use https:";
                default:
                    return $"the scheme '{scheme}' is not a report transport; only mailto: and https: are defined";
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
                return "a mailto: destination needs one address, local-part@domain";
            }

            string local = mailbox.Substring(0, at);
            if (DomainNameInput.HasNonAscii(local))
            {
                return "the part before '@' is not ASCII, which report senders cannot be relied on to handle; use an ASCII mailbox";
            }

            string? reason = DomainNameInput.TryNormalize(mailbox.Substring(at + 1), out string domain);
            if (reason != null)
            {
                return "its domain is not valid: " + reason;
            }

            uri = "mailto:" + Encode(local) + "@" + domain + (query < 0 ? string.Empty : Encode(address.Substring(query)));
            return CheckInRecord(uri.AsSpan());
        }

        private static string? NormalizeHttps(string rest, out string uri)
        {
            uri = string.Empty;
            if (!rest.StartsWith("//", StringComparison.Ordinal))
            {
                return "an https: destination is a URL such as https://reports.example.com/tlsrpt";
            }

            int hostEnd = rest.IndexOfAny(new[] { '/', '?', '#' }, 2);
            string authority = hostEnd < 0 ? rest.Substring(2) : rest.Substring(2, hostEnd - 2);
            string path = hostEnd < 0 ? string.Empty : rest.Substring(hostEnd);
            int portColon = authority.LastIndexOf(':');
            string host = portColon < 0 ? authority : authority.Substring(0, portColon);
            string port = portColon < 0 ? string.Empty : authority.Substring(portColon);
            if (port.Length > 0 && (port.Length == 1 || !ushort.TryParse(port.Substring(1), out _)))
            {
                return $"the port '{port.Substring(1)}' is not a number from 0 to 65535";
            }

            string? reason = DomainNameInput.TryNormalize(host, out string domain);
            if (reason != null)
            {
                return "its host is not valid: " + reason;
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
