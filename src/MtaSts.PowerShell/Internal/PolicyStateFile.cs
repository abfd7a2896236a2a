using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using MtaSts.Checking;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// The -StatePath file of Test-MtaStsDomain. Runs that share it (scheduled tasks overlap) each keep what they
    /// saw: the save takes a lock, reads the file again, merges and replaces it atomically.
    /// </summary>
    internal static class PolicyStateFile
    {
        /// <summary>Far above the state of a million domains; a larger file is not ours.</summary>
        private const int MaxBytes = 256 * 1024 * 1024;

        private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The store in the file, or an empty one when there is no file yet. Throws <see cref="IOException"/> for a
        /// path that cannot hold the file, and <see cref="FormatException"/> or <see cref="Json.JsonParseException"/>
        /// for a file that is not a state file.
        /// </summary>
        public static PolicyStateStore Read(string path)
        {
            if (Directory.Exists(path))
            {
                throw new IOException(Messages.Format("StateIsFolder", path));
            }

            if (!File.Exists(path))
            {
                return new PolicyStateStore();
            }

            byte[] bytes = RegularFile.ReadCapped(path, MaxBytes);
            if (bytes.Length > MaxBytes)
            {
                throw new IOException(Messages.Format("StateTooLarge", path, MaxBytes / (1024 * 1024)));
            }

            return PolicyStateStore.FromJson(new UTF8Encoding(false, true).GetString(bytes));
        }

        /// <summary>Saves what this run saw, merged with what other runs saved meanwhile.</summary>
        public static void Save(string path, PolicyStateStore run)
        {
            using (Lock(path))
            {
                var merged = run.MergedInto(Read(path));
                AtomicFile.Write(path, new UTF8Encoding(false).GetBytes(merged.ToJson()));
            }
        }

        /// <summary>
        /// An exclusive lock on a file beside the state file. The lock file stays: deleting it on release would let a
        /// third run lock the deleted file while a second one locks a new one.
        /// </summary>
        private static FileStream Lock(string path)
        {
            string lockPath = path + ".lock";
            string? problem = RegularFile.Problem(lockPath);
            if (problem != null)
            {
                throw new IOException(problem);
            }

            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (clock.Elapsed < LockWait)
                {
                    Thread.Sleep(50);
                }
                catch (IOException ex)
                {
                    throw new IOException(Messages.Format("StateLocked", path, lockPath, (int)LockWait.TotalSeconds), ex);
                }
            }
        }
    }
}
