using System.Runtime.ExceptionServices;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Replaces one file's content so that a reader sees the old bytes or the new ones, never a mix, and a crash leaves
    /// one or the other: a <see cref="FileBatch"/> of one. Writers racing for one path each succeed, and the last rename wins.
    /// </summary>
    internal static class AtomicFile
    {
        /// <summary>Writes the file; false when the old file's owner could not be kept (only root may give a file away).</summary>
        public static bool Write(string path, byte[] bytes)
        {
            using var batch = new FileBatch();
            bool ownerKept = batch.Stage(path, bytes);
            var failed = batch.Commit();
            if (failed.Count > 0)
            {
                ExceptionDispatchInfo.Capture(failed[0].Error).Throw();
            }

            return ownerKept;
        }
    }
}
