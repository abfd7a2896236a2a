using System;
using System.IO;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Replaces a file's content so that a reader sees the old bytes or the new ones, never a mix: the bytes
    /// go to a temporary file in the same folder, are flushed to disk, and the temporary file is renamed over
    /// the target. On failure the temporary file is removed and the target is untouched.
    /// </summary>
    internal static class AtomicFile
    {
        public static void Write(string path, byte[] bytes)
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

                if (File.Exists(path))
                {
                    File.Replace(temporary, path, null, ignoreMetadataErrors: true);
                }
                else
                {
                    File.Move(temporary, path);
                }
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }
}
