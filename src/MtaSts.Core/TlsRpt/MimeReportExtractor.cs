using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using MtaSts.Resources;

using MtaSts.Syntax;

namespace MtaSts.TlsRpt
{
    /// <summary>
    /// Finds the report inside a mail message (RFC 8460 §5.3): a <c>multipart/report; report-type="tlsrpt"</c>
    /// message whose report part is <c>application/tlsrpt+json</c> or <c>application/tlsrpt+gzip</c>, base64,
    /// quoted-printable or plain. Parts with a generic JSON or gzip type and a .json/.gz file name are accepted
    /// too, as some reporters send them that way. Only what finding that part needs of MIME (RFC 2045/2046).
    /// </summary>
    internal static class MimeReportExtractor
    {
        private const int MaxDepth = 8;

        /// <summary>True when the bytes start like a mail message (a header line), not like JSON or gzip.</summary>
        public static bool LooksLikeMessage(byte[] data)
        {
            int i = 0;
            while (i < data.Length && i < 200 && (char.IsLetterOrDigit((char)data[i]) || data[i] == '-'))
            {
                i++;
            }

            return i > 0 && i < data.Length && data[i] == ':';
        }

        /// <summary>The report part's decoded bytes, or null with the reason.</summary>
        public static byte[]? Extract(byte[] message, out string? problem)
        {
            string text = Encoding.GetEncoding("ISO-8859-1").GetString(message);
            var found = FindReport(text, 0, out problem);
            if (found == null && problem == null)
            {
                problem = Messages.Get("MimeNoReportPart");
            }

            return found;
        }

        private static byte[]? FindReport(string entity, int depth, out string? problem)
        {
            problem = null;
            if (depth > MaxDepth)
            {
                problem = Messages.Get("MimeTooDeep");
                return null;
            }

            SplitHeaders(entity, out var headers, out string body);
            string contentType = Header(headers, "Content-Type") ?? "text/plain";
            string mediaType = HeaderValue.MediaType(contentType);
            if (mediaType.StartsWith("multipart/", StringComparison.Ordinal))
            {
                string? boundary = HeaderValue.Parameter(contentType, "boundary");
                if (boundary == null)
                {
                    problem = Messages.Get("MimeNoBoundary");
                    return null;
                }

                foreach (string part in Parts(body, boundary))
                {
                    var found = FindReport(part, depth + 1, out problem);
                    if (found != null || problem != null)
                    {
                        return found;
                    }
                }

                return null;
            }

            string fileName = HeaderValue.Parameter(Header(headers, "Content-Disposition") ?? string.Empty, "filename") ?? HeaderValue.Parameter(contentType, "name") ?? string.Empty;
            bool report = mediaType == "application/tlsrpt+json" || mediaType == "application/tlsrpt+gzip"
                || ((mediaType == "application/json" || mediaType == "application/gzip" || mediaType == "application/x-gzip" || mediaType == "application/octet-stream")
                    && (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)));
            if (!report)
            {
                return null;
            }

            return Decode(body, (Header(headers, "Content-Transfer-Encoding") ?? "7bit").Trim().ToLowerInvariant(), out problem);
        }

        private static void SplitHeaders(string entity, out List<KeyValuePair<string, string>> headers, out string body)
        {
            headers = new List<KeyValuePair<string, string>>();
            int end = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            int bodyStart = end + 4;
            int lfEnd = entity.IndexOf("\n\n", StringComparison.Ordinal);
            if (end < 0 || (lfEnd >= 0 && lfEnd < end))
            {
                end = lfEnd;
                bodyStart = end + 2;
            }

            string head = end < 0 ? entity : entity.Substring(0, end);
            body = end < 0 ? string.Empty : entity.Substring(bodyStart);
            string? name = null;
            var value = new StringBuilder();
            foreach (string raw in head.Replace("\r\n", "\n").Split('\n'))
            {
                if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && name != null)
                {
                    value.Append(' ').Append(raw.Trim());
                    continue;
                }

                if (name != null)
                {
                    headers.Add(new KeyValuePair<string, string>(name, value.ToString()));
                }

                int colon = raw.IndexOf(':');
                name = colon > 0 ? raw.Substring(0, colon).Trim() : null;
                value.Clear().Append(colon > 0 ? raw.Substring(colon + 1).Trim() : string.Empty);
            }

            if (name != null)
            {
                headers.Add(new KeyValuePair<string, string>(name, value.ToString()));
            }
        }

        private static IEnumerable<string> Parts(string body, string boundary)
        {
            string delimiter = "--" + boundary;
            int start = -1;
            int pos = 0;
            while (pos <= body.Length)
            {
                int lineEnd = body.IndexOf('\n', pos);
                string line = (lineEnd < 0 ? body.Substring(pos) : body.Substring(pos, lineEnd - pos)).TrimEnd('\r');
                if (line.StartsWith(delimiter, StringComparison.Ordinal))
                {
                    if (start >= 0)
                    {
                        int partEnd = pos > 0 && body[pos - 1] == '\n' ? pos - 1 : pos;
                        if (partEnd > start && body[partEnd - 1] == '\r')
                        {
                            partEnd--;
                        }

                        yield return body.Substring(start, Math.Max(0, partEnd - start));
                    }

                    if (line.Substring(delimiter.Length).StartsWith("--", StringComparison.Ordinal))
                    {
                        yield break;
                    }

                    start = lineEnd < 0 ? body.Length : lineEnd + 1;
                }

                if (lineEnd < 0)
                {
                    break;
                }

                pos = lineEnd + 1;
            }
        }

        private static byte[]? Decode(string body, string encoding, out string? problem)
        {
            problem = null;
            switch (encoding)
            {
                case "base64":
                    var compact = new StringBuilder(body.Length);
                    foreach (char c in body)
                    {
                        if (!char.IsWhiteSpace(c))
                        {
                            compact.Append(c);
                        }
                    }

                    try
                    {
                        return Convert.FromBase64String(compact.ToString());
                    }
                    catch (FormatException)
                    {
                        problem = Messages.Get("MimeBadBase64");
                        return null;
                    }

                case "quoted-printable":
                    return DecodeQuotedPrintable(body);
                default:
                    return Encoding.GetEncoding("ISO-8859-1").GetBytes(body);
            }
        }

        private static byte[] DecodeQuotedPrintable(string body)
        {
            var output = new MemoryStream(body.Length);
            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                if (c != '=')
                {
                    output.WriteByte((byte)c);
                    continue;
                }

                if (i + 2 < body.Length && Uri.IsHexDigit(body[i + 1]) && Uri.IsHexDigit(body[i + 2]))
                {
                    output.WriteByte((byte)Convert.ToInt32(body.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else if (i + 1 < body.Length && (body[i + 1] == '\r' || body[i + 1] == '\n'))
                {
                    i += body[i + 1] == '\r' && i + 2 < body.Length && body[i + 2] == '\n' ? 2 : 1;
                }
            }

            return output.ToArray();
        }

        private static string? Header(List<KeyValuePair<string, string>> headers, string name)
        {
            foreach (var header in headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value;
                }
            }

            return null;
        }
    }
}
