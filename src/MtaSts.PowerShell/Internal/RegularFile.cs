using System;
using System.IO;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Reads user-named files as untrusted input: only regular files (a FIFO would block the open for ever, a device
    /// can stream without end), and never more than a cap, whatever size the file claims.
    /// </summary>
    internal static class RegularFile
    {
        private const int FileTypeMask = 0xF000;
        private const int RegularType = 0x8000;

        /// <summary>
        /// Why the path may not be read, or null when it names a regular file after its links are followed (or does not
        /// exist, which the open then reports).
        /// </summary>
        public static string? Problem(string path)
        {
            int? type = UnixFile.Stat(path)?.Mode & FileTypeMask;
            if (type == null || type == RegularType)
            {
                return null;
            }

            string kind = type switch
            {
                0x1000 => "FileKindFifo",
                0x2000 => "FileKindCharacterDevice",
                0x4000 => "FileKindFolder",
                0x6000 => "FileKindBlockDevice",
                0xC000 => "FileKindSocket",
                _ => "FileKindSpecial",
            };
            return Messages.Format("NotRegularFile", path, Messages.Get(kind));
        }

        /// <summary>Opens a regular file to read; an <see cref="IOException"/> for anything else.</summary>
        public static FileStream OpenRead(string path)
        {
            string? problem = Problem(path);
            if (problem != null)
            {
                throw new IOException(problem);
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        /// <summary>
        /// At most <paramref name="limit"/> + 1 bytes of a regular file, so a caller can tell that it is too large
        /// without reading it all; an <see cref="IOException"/> for anything that is not a regular file.
        /// </summary>
        public static byte[] ReadCapped(string path, int limit)
        {
            using (var stream = OpenRead(path))
            {
                var buffer = new byte[(int)Math.Min(Math.Max(stream.Length, 4096), (long)limit + 1)];
                int total = 0;
                int read;
                while (total < limit + 1 && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
                {
                    total += read;
                    if (total == buffer.Length && total < limit + 1)
                    {
                        // The file grew, or claimed no size (as /proc files do): grow up to the cap, never past it.
                        Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, (long)limit + 1));
                    }
                }

                Array.Resize(ref buffer, total);
                return buffer;
            }
        }
    }
}
