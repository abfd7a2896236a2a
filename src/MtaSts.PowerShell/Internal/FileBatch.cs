using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Replaces files so that each one is, at every moment and after a crash at any point, either its old complete
    /// content or its new complete content. New bytes go to a temporary file beside the target, which takes the old
    /// file's mode and owner. <see cref="Commit"/> then makes all of them durable at once, renames each over its target
    /// and makes the renames durable. On Linux one sync before and one after the renames cover the whole batch, so a
    /// thousand files cost two waits for the disk instead of a thousand; elsewhere each file is flushed as it is written.
    /// Whatever is not committed is removed by <see cref="Dispose"/>, leaving the targets as they were.
    /// </summary>
    internal sealed class FileBatch : IDisposable
    {
        private const int ReplaceAttempts = 20;
        private static bool syncsWholeFileSystems = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
        private readonly List<(string Temporary, string Target)> staged = new List<(string, string)>();

        /// <summary>Files staged and not yet committed.</summary>
        public int Count => staged.Count;

        /// <summary>
        /// Writes <paramref name="bytes"/> beside <paramref name="target"/>, not yet visible; false when the old file's
        /// owner could not be kept (only root may give a file away). <paramref name="replaces"/> false says the caller
        /// just saw no file there, which saves asking for its owner.
        /// </summary>
        public bool Stage(string target, byte[] bytes, bool replaces = true)
        {
            using var stream = Create(target, replaces, out bool ownerKept);
            stream.Write(bytes, 0, bytes.Length);
            return ownerKept;
        }

        /// <summary>
        /// A new temporary file beside <paramref name="target"/> for the caller to write and close; it replaces the
        /// target at <see cref="Commit"/>. <paramref name="ownerKept"/> is false when the old file's owner could not be kept.
        /// </summary>
        public FileStream Create(string target, bool replaces, out bool ownerKept)
        {
            string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException(Messages.Get("AtomicFileNoFolder"), nameof(target));
            string temporary = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");

            // Without one sync for the batch, each file goes to the disk as it is written (O_SYNC, FILE_FLAG_WRITE_THROUGH).
            var options = syncsWholeFileSystems ? FileOptions.None : FileOptions.WriteThrough;
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, options);
            staged.Add((temporary, target));
            try
            {
                var previous = replaces ? UnixFile.Stat(target) : null;
                ownerKept = previous == null || UnixFile.CopyOwnerAndMode(previous.Value, temporary);
                return stream;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Makes the staged files durable, renames each over its target, then makes the renames durable. Returns the
        /// targets that could not be replaced, with why; those keep their old content.
        /// </summary>
        public IReadOnlyList<(string Target, Exception Error)> Commit()
        {
            var failed = new List<(string, Exception)>();
            if (staged.Count == 0)
            {
                return failed;
            }

            MakeStagedDurable();
            foreach (var (temporary, target) in staged)
            {
                try
                {
                    Replace(temporary, target);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    failed.Add((target, ex));
                    TryDelete(temporary);
                }
            }

            staged.Clear();
            SyncFileSystems();
            return failed;
        }

        /// <summary>Removes what was staged and not committed; the targets keep their old content.</summary>
        public void Dispose()
        {
            foreach (var (temporary, _) in staged)
            {
                TryDelete(temporary);
            }

            staged.Clear();
        }

        /// <summary>The staged files' bytes on disk: one sync on Linux, else each was written through to the disk.</summary>
        private void MakeStagedDurable()
        {
            bool writtenThrough = !syncsWholeFileSystems;
            if (writtenThrough || SyncFileSystems())
            {
                return;
            }

            foreach (var (temporary, _) in staged)
            {
                using var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                stream.Flush(true);
            }
        }

        /// <summary>
        /// sync(2), which returns once the data and metadata of every file system are on disk (Linux since 1.3.20); false
        /// when there is nothing to call (a C library that does not answer to "libc"), and from then on files are flushed one by one.
        /// </summary>
        private static bool SyncFileSystems()
        {
            if (!syncsWholeFileSystems)
            {
                return false;
            }

            try
            {
                Sync();
                return true;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                syncsWholeFileSystems = false;
                return false;
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
                catch (IOException) when (attempt < ReplaceAttempts && File.Exists(temporary))
                {
                    Thread.Sleep(attempt);
                }
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A temporary file that cannot be removed is hidden (a dot name) and harmless; the target is untouched.
            }
        }

        [DllImport("libc", EntryPoint = "sync")]
        private static extern void Sync();
    }
}
