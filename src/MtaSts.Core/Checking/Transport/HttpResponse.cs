using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MtaSts.Resources;

namespace MtaSts.Checking.Transport
{
    /// <summary>
    /// One HTTP/1.1 response read byte for byte (RFC 9112): the status, the headers and at most a capped body. Written
    /// by hand so that nothing is done behind the check's back: no redirect, no decoding, no BOM skipped, no cache.
    /// </summary>
    internal sealed class HttpResponse
    {
        private const int MaxHeaderBytes = 16384;

        private HttpResponse(int statusCode, Dictionary<string, string> headers, byte[] body, bool bodyTooLarge)
        {
            StatusCode = statusCode;
            Headers = headers;
            Body = body;
            BodyTooLarge = bodyTooLarge;
        }

        public int StatusCode { get; }

        /// <summary>Header names in any case; the first value of each.</summary>
        public Dictionary<string, string> Headers { get; }

        public byte[] Body { get; }

        /// <summary>The body is longer than the cap; <see cref="Body"/> then holds only the cap's worth.</summary>
        public bool BodyTooLarge { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

        public static async Task<HttpResponse> GetAsync(Stream stream, string host, string path, int maxBody, CancellationToken cancellationToken)
        {
            string request = $"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: MtaSts-PowerShell (MTA-STS policy check)\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            byte[] requestBytes = Encoding.ASCII.GetBytes(request);
            await stream.WriteAsync(requestBytes, 0, requestBytes.Length, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            var reader = new ByteReader(stream);
            return await ReadAsync(reader, maxBody, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<HttpResponse> ReadAsync(ByteReader reader, int maxBody, CancellationToken cancellationToken)
        {
            string statusLine = await reader.ReadLineAsync(MaxHeaderBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException(Messages.Get("HttpNoResponse"));
            var parts = statusLine.Split(new[] { ' ' }, 3);
            if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || parts[1].Length != 3
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status))
            {
                throw new InvalidDataException(Messages.Format("HttpBadStatusLine", statusLine));
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            int headerBytes = statusLine.Length;
            while (true)
            {
                string line = await reader.ReadLineAsync(MaxHeaderBytes, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException(Messages.Get("HttpClosedInHeaders"));
                headerBytes += line.Length + 2;
                if (headerBytes > MaxHeaderBytes)
                {
                    throw new InvalidDataException(Messages.Format("HttpHeadersTooLarge", MaxHeaderBytes));
                }

                if (line.Length == 0)
                {
                    break;
                }

                int colon = line.IndexOf(':');
                if (colon > 0 && !headers.ContainsKey(line.Substring(0, colon).Trim()))
                {
                    headers[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
                }
            }

            var body = new MemoryStream();
            bool tooLarge;
            if (headers.TryGetValue("Transfer-Encoding", out string? encoding) && encoding.IndexOf("chunked", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                tooLarge = await ReadChunkedAsync(reader, body, maxBody, cancellationToken).ConfigureAwait(false);
            }
            else if (headers.TryGetValue("Content-Length", out string? lengthText) && long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out long length))
            {
                tooLarge = length > maxBody;
                await reader.CopyAsync(body, (int)Math.Min(length, maxBody), untilEnd: false, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                tooLarge = await reader.CopyAsync(body, maxBody, untilEnd: true, cancellationToken).ConfigureAwait(false);
            }

            return new HttpResponse(status, headers, body.ToArray(), tooLarge);
        }

        private static async Task<bool> ReadChunkedAsync(ByteReader reader, MemoryStream body, int maxBody, CancellationToken cancellationToken)
        {
            while (true)
            {
                string sizeLine = await reader.ReadLineAsync(1024, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException(Messages.Get("HttpClosedInChunk"));
                string hex = sizeLine.Split(';')[0].Trim();
                if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int size) || size < 0)
                {
                    throw new InvalidDataException(Messages.Format("HttpBadChunkSize", sizeLine));
                }

                if (size == 0)
                {
                    return false;
                }

                int room = maxBody - (int)body.Length;
                if (size > room)
                {
                    await reader.CopyAsync(body, room, untilEnd: false, cancellationToken).ConfigureAwait(false);
                    return true;
                }

                await reader.CopyAsync(body, size, untilEnd: false, cancellationToken).ConfigureAwait(false);
                await reader.ReadLineAsync(2, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Buffered reads of lines and counted bytes from a stream.</summary>
        private sealed class ByteReader
        {
            private readonly Stream stream;
            private readonly byte[] buffer = new byte[8192];
            private int start;
            private int end;

            public ByteReader(Stream stream) => this.stream = stream;

            /// <summary>A line without its CRLF (or LF), or null at the end of the stream.</summary>
            public async Task<string?> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
            {
                var line = new StringBuilder();
                while (true)
                {
                    if (start == end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return line.Length == 0 ? null : line.ToString();
                    }

                    byte b = buffer[start++];
                    if (b == (byte)'\n')
                    {
                        return line.Length > 0 && line[line.Length - 1] == '\r' ? line.ToString(0, line.Length - 1) : line.ToString();
                    }

                    if (line.Length >= maxLength)
                    {
                        throw new InvalidDataException(Messages.Format("HttpLineTooLong", maxLength));
                    }

                    line.Append((char)b);
                }
            }

            /// <summary>Copies <paramref name="count"/> bytes (or up to the end); true when more data followed the count.</summary>
            public async Task<bool> CopyAsync(MemoryStream target, int count, bool untilEnd, CancellationToken cancellationToken)
            {
                int copied = 0;
                while (copied < count)
                {
                    if (start == end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (untilEnd)
                        {
                            return false;
                        }

                        throw new InvalidDataException(Messages.Get("HttpBodyTruncated"));
                    }

                    int take = Math.Min(end - start, count - copied);
                    target.Write(buffer, start, take);
                    start += take;
                    copied += take;
                }

                return untilEnd && (start < end || await FillAsync(cancellationToken).ConfigureAwait(false));
            }

            private async Task<bool> FillAsync(CancellationToken cancellationToken)
            {
                start = 0;
                end = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                return end > 0;
            }
        }
    }
}
