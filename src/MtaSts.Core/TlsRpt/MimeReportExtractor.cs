using System;
using System.IO;
using MimeKit;
using MtaSts.Resources;

namespace MtaSts.TlsRpt
{
    /// <summary>
    /// Finds the report inside a mail message (RFC 8460 §5.3): a <c>multipart/report; report-type="tlsrpt"</c>
    /// message whose report part is <c>application/tlsrpt+json</c> or <c>application/tlsrpt+gzip</c>, in any transfer
    /// encoding. Parts with a generic JSON, gzip or binary type and a .json/.gz file name are accepted too, as some
    /// reporters send them that way. MIME itself (RFC 2045/2046) is MimeKit's, with nesting bounded.
    /// </summary>
    internal static class MimeReportExtractor
    {
        /// <summary>Deeper nesting than any reporter sends; past it a hostile message would only cost stack and time.</summary>
        private const int MaxDepth = 8;

        private static readonly ParserOptions Options = new ParserOptions { MaxMimeDepth = MaxDepth };

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
            MimeMessage parsed;
            try
            {
                using var stream = new MemoryStream(message, writable: false);
                parsed = MimeMessage.Load(Options, stream);
            }
            catch (FormatException ex)
            {
                problem = Messages.Format("MimeUnreadable", ex.Message);
                return null;
            }

            return Extract(parsed, out problem);
        }

        /// <summary>The report part's decoded bytes, at most <see cref="TlsRptReportReader.MaxReportBytes"/> + 1, or null with the reason.</summary>
        public static byte[]? Extract(MimeMessage message, out string? problem)
        {
            problem = null;
            foreach (var part in message.BodyParts)
            {
                if (part is MimePart mime && IsReport(mime) && mime.Content != null)
                {
                    using var decoded = new CappedStream(TlsRptReportReader.MaxReportBytes + 1);
                    mime.Content.DecodeTo(decoded);
                    return decoded.ToArray();
                }
            }

            problem = Messages.Get("MimeNoReportPart");
            return null;
        }

        private static bool IsReport(MimePart part)
        {
            string type = part.ContentType.MimeType.ToLowerInvariant();
            if (type == "application/tlsrpt+json" || type == "application/tlsrpt+gzip")
            {
                return true;
            }

            string name = part.FileName ?? string.Empty;
            return (type == "application/json" || type == "application/gzip" || type == "application/x-gzip" || type == "application/octet-stream")
                && (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>A memory stream that stops growing at its cap and drops the rest: the reader then sees the report is too large.</summary>
        private sealed class CappedStream : MemoryStream
        {
            private readonly int cap;

            public CappedStream(int cap)
            {
                this.cap = cap;
            }

            public override void Write(byte[] buffer, int offset, int count) => base.Write(buffer, offset, (int)Math.Max(0, Math.Min(count, cap - Length)));
        }
    }
}
