using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
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

        /// <summary>
        /// Checks a URI as it stands in a record: a scheme, URI characters with ',', '!' and ';' encoded, and then what
        /// a reporter needs of it: one mailbox for mailto: (RFC 6068 §2), a host and a valid port for https: (RFC 3986
        /// §3.2). Returns the error, or null; a URI that is valid but unwise (header fields in a mailto:) comes back
        /// in <paramref name="warning"/>.
        /// </summary>
        public static string? CheckInRecord(ReadOnlySpan<char> uri, out string? warning)
        {
            warning = null;
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

            var rest = uri.Slice(colon + 1);
            return mailto ? CheckMailto(rest, out warning) : CheckHttps(rest);
        }

        /// <summary>
        /// mailto: with exactly one address, a mailbox name and a host name (RFC 6068 §2, RFC 5322 §3.4.1). Several
        /// addresses, a mailbox with spaces or non-ASCII characters, or an address literal are refused: a reporter may
        /// send to none of them. Header fields are legal, but '?to=' or '?cc=' would send the reports elsewhere too.
        /// </summary>
        private static string? CheckMailto(ReadOnlySpan<char> rest, out string? warning)
        {
            warning = null;
            int query = rest.IndexOf('?');
            if (query >= 0)
            {
                warning = Messages.Get("RuaMailtoHeaderFields");
                rest = rest.Slice(0, query);
            }

            string? mailbox = PercentDecodeAscii(rest);
            if (mailbox == null)
            {
                return Messages.Get("RuaMailboxNonAscii");
            }

            int at = mailbox.IndexOf('@');
            if (at < 0)
            {
                return Messages.Get("RuaMailtoAddress");
            }

            if (mailbox.IndexOf('@', at + 1) >= 0)
            {
                return Messages.Get("RuaMailtoSeveralAt");
            }

            string local = mailbox.Substring(0, at);
            if (!IsMailboxName(local))
            {
                return Messages.Format("RuaLocalPart", DomainSyntax.Shown(local));
            }

            string domain = mailbox.Substring(at + 1);
            var problem = DomainSyntax.Check(domain.AsSpan(), out int index);
            return problem == DomainProblem.None ? null : Messages.Format("RuaDomainInvalid", DomainSyntax.Explain(problem, domain, index));
        }

        /// <summary>https://host[:port][/path]: a host name, an IPv4 address or an [IPv6] literal, and a port from 1 to 65535 (RFC 3986 §3.2).</summary>
        private static string? CheckHttps(ReadOnlySpan<char> rest)
        {
            string? reason = SplitAuthority(rest, out string host, out _, out bool literal);
            if (reason != null || literal || IsIPv4(host))
            {
                return reason;
            }

            var problem = DomainSyntax.Check(host.AsSpan(), out int index);
            return problem == DomainProblem.None ? null : Messages.Format("RuaHostInvalid", DomainSyntax.Explain(problem, host, index));
        }

        /// <summary>Splits "//authority/path" into its host (brackets removed) and port text (with its ':', or empty).</summary>
        private static string? SplitAuthority(ReadOnlySpan<char> rest, out string host, out string port, out bool literal)
        {
            host = port = string.Empty;
            literal = false;
            if (rest.Length < 2 || rest[0] != '/' || rest[1] != '/')
            {
                return Messages.Get("RuaHttpsUrl");
            }

            var authority = rest.Slice(2);
            int end = authority.IndexOfAny('/', '?', '#');
            if (end >= 0)
            {
                authority = authority.Slice(0, end);
            }

            if (authority.IsEmpty)
            {
                return Messages.Get("RuaHttpsNoHost");
            }

            if (authority.IndexOf('@') >= 0)
            {
                return Messages.Get("RuaHttpsUserInfo");
            }

            int hostEnd;
            if (authority[0] == '[')
            {
                int close = authority.IndexOf(']');
                if (close < 0 || !IPAddress.TryParse(authority.Slice(1, close - 1).ToString(), out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
                {
                    return Messages.Format("RuaHostLiteral", DomainSyntax.Shown(authority.ToString()));
                }

                literal = true;
                host = authority.Slice(1, close - 1).ToString();
                hostEnd = close + 1;
            }
            else
            {
                int colon = authority.IndexOf(':');
                hostEnd = colon < 0 ? authority.Length : colon;
                host = authority.Slice(0, hostEnd).ToString();
            }

            if (hostEnd < authority.Length)
            {
                port = authority.Slice(hostEnd).ToString();
                if (port[0] != ':' || !ushort.TryParse(port.Substring(1), NumberStyles.None, CultureInfo.InvariantCulture, out ushort number) || number == 0)
                {
                    return Messages.Format("RuaPort", DomainSyntax.Shown(port.Substring(port[0] == ':' ? 1 : 0)));
                }
            }

            return host.Length == 0 ? Messages.Get("RuaHttpsNoHost") : null;
        }

        /// <summary>A dotted-quad IPv4 address (RFC 3986 §3.2.2 IPv4address), not a name that IPAddress would also read.</summary>
        private static bool IsIPv4(string host) =>
            host.Split('.').Length == 4 && host.All(c => c == '.' || (c >= '0' && c <= '9'))
            && IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetwork;

        /// <summary>The text with %XX escapes decoded; null when an escape stands for a non-ASCII byte.</summary>
        private static string? PercentDecodeAscii(ReadOnlySpan<char> text)
        {
            var decoded = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '%' && i + 2 < text.Length)
                {
                    int value = Convert.ToInt32(text.Slice(i + 1, 2).ToString(), 16);
                    if (value > 0x7F)
                    {
                        return null;
                    }

                    decoded.Append((char)value);
                    i += 2;
                }
                else
                {
                    decoded.Append(text[i]);
                }
            }

            return decoded.ToString();
        }

        /// <summary>
        /// A mailbox name a reporter can write in RCPT TO: printable ASCII without spaces. Characters that need quoting
        /// in an address, such as an encoded ',', are left to the mail system, as RFC 8460 §3 expects them encoded.
        /// </summary>
        private static bool IsMailboxName(string local) => local.Length > 0 && local.All(c => c > ' ' && c < 0x7F);

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

            var parts = input.Split(',', ';').Where(p => p.Length > 0).ToArray();
            if (parts.Length > 1 && parts.All(p => p.IndexOf('@') > 0 || p.IndexOf("://", StringComparison.Ordinal) > 0))
            {
                return Messages.Format("RuaList", string.Join(",", parts.Take(3).Select(p => "'" + DomainSyntax.Shown(p) + "'")));
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
            if (address.IndexOf('?') >= 0)
            {
                return Messages.Get("RuaMailtoHeaderFieldsRefused");
            }

            string mailbox = address;
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

            uri = "mailto:" + Encode(local) + "@" + domain;
            return CheckInRecord(uri.AsSpan(), out _);
        }

        private static string? NormalizeHttps(string rest, out string uri)
        {
            uri = string.Empty;
            string? reason = SplitAuthority(rest.AsSpan(), out string host, out string port, out bool literal);
            if (reason != null)
            {
                return reason;
            }

            int pathStart = rest.IndexOfAny(new[] { '/', '?', '#' }, 2);
            string path = pathStart < 0 ? string.Empty : rest.Substring(pathStart);
            string domain = "[" + host + "]";
            if (!literal && (reason = DomainNameInput.TryNormalize(host, out domain)) != null)
            {
                return Messages.Format("RuaHostInvalid", reason);
            }

            uri = "https://" + domain + port + Encode(path);
            return CheckInRecord(uri.AsSpan(), out _);
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
