using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Replaces a file's content so that a reader sees the old bytes or the new ones, never a mix: the bytes go to a
    /// temporary file in the same folder, are flushed to disk, take the old file's mode and owner, and are renamed over
    /// the target. On failure the temporary file is removed and the target is untouched. Writers racing for one path
    /// each succeed, and the last rename wins.
    /// </summary>
    internal static class AtomicFile
    {
        private const int Attempts = 20;

        /// <summary>Writes the file; false when the old file's owner could not be kept (only root may give a file away).</summary>
        public static bool Write(string path, byte[] bytes)
        {
            string directory = Path.GetDirectoryName(path) ?? throw new ArgumentException(Messages.Get("AtomicFileNoFolder"), nameof(path));
            string temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }

                var previous = UnixFile.Stat(path);
                bool ownerKept = previous == null || UnixFile.CopyOwnerAndMode(previous.Value, temporary);
                Replace(temporary, path);
                return ownerKept;
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        private static void Replace(string temporary, string path)
        {
#if NET
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // rename(2): atomic, and it replaces whatever another writer put there meanwhile.
                File.Move(temporary, path, overwrite: true);
                return;
            }
#endif
            // File.Replace keeps the target's ACLs on Windows. Another writer may create or replace the target between the
            // check and the call, which fails the call; the next attempt sees the new state.
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    if (File.Exists(path))
                    {
                        File.Replace(temporary, path, null, ignoreMetadataErrors: true);
                    }
                    else
                    {
                        File.Move(temporary, path);
                    }

                    return;
                }
                catch (IOException) when (attempt < Attempts && File.Exists(temporary))
                {
                    Thread.Sleep(attempt);
                }
            }
        }
    }
}
