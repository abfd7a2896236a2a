using System;
using System.Collections.Generic;
using System.IO;

namespace MtaSts.TlsRpt
{
    /// <summary>
    /// Reads a JSON Lines file (one report per line, as <see cref="TlsRptReportWriter"/> writes a store) a line at a
    /// time, so a file of any size costs one line of memory. A line longer than the cap is skipped to its end and
    /// returned without its bytes, so that hostile input cannot grow a buffer without bound.
    /// </summary>
    public static class ReportLines
    {
        /// <summary>One line: its number from 1, its bytes without the line end, or null when it passed the cap.</summary>
        public readonly struct Line
        {
            public Line(int number, byte[]? bytes)
            {
                Number = number;
                Bytes = bytes;
            }

            public int Number { get; }

            public byte[]? Bytes { get; }

            /// <summary>Blank lines (only spaces, tabs or a CR) carry nothing and are passed over by readers.</summary>
            public bool IsBlank => Bytes != null && Array.TrueForAll(Bytes, b => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r');
        }

        /// <summary>The lines of <paramref name="stream"/>, each at most <paramref name="maxLineBytes"/> bytes.</summary>
        public static IEnumerable<Line> Read(Stream stream, int maxLineBytes)
        {
            var buffer = new byte[64 * 1024];
            var line = new MemoryStream();
            bool overflowed = false;
            int number = 1;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                int start = 0;
                for (int i = 0; i < read; i++)
                {
                    if (buffer[i] != (byte)'\n')
                    {
                        continue;
                    }

                    Append(line, buffer, start, i - start, maxLineBytes, ref overflowed);
                    yield return Take(line, number++, ref overflowed);
                    start = i + 1;
                }

                Append(line, buffer, start, read - start, maxLineBytes, ref overflowed);
            }

            if (line.Length > 0 || overflowed)
            {
                yield return Take(line, number, ref overflowed);
            }
        }

        private static void Append(MemoryStream line, byte[] buffer, int start, int count, int maxLineBytes, ref bool overflowed)
        {
            if (overflowed || count == 0)
            {
                return;
            }

            if (line.Length + count > maxLineBytes)
            {
                overflowed = true;
                line.SetLength(0);
                return;
            }

            line.Write(buffer, start, count);
        }

        private static Line Take(MemoryStream line, int number, ref bool overflowed)
        {
            var taken = new Line(number, overflowed ? null : line.ToArray());
            line.SetLength(0);
            overflowed = false;
            return taken;
        }
    }
}
