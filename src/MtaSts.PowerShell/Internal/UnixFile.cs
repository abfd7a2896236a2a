using System;
using System.Runtime.InteropServices;
using System.Text;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>What .NET does not say about a file on Linux and macOS: its type, owner and permission bits.</summary>
    internal static class UnixFile
    {
        private const int PermissionMask = 0xFFF;
        private static bool unavailable;

        /// <summary>A file's mode (type and permission bits), owner and group.</summary>
        internal readonly struct Status
        {
            public Status(int mode, uint owner, uint group)
            {
                Mode = mode;
                Owner = owner;
                Group = group;
            }

            public int Mode { get; }

            public uint Owner { get; }

            public uint Group { get; }
        }

        /// <summary>The status of the file a path names, links followed; null on Windows or when there is none.</summary>
        public static Status? Stat(string path)
        {
            if (unavailable || RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return null;
            }

            // The runtime's FileStatus begins with four int32s: Flags, Mode, Uid, Gid. Nothing after them is read, and the
            // buffer leaves room for the fields later runtimes add.
            var status = new byte[512];
            try
            {
                if (SystemNativeStat(Encoding.UTF8.GetBytes(path + "\0"), status) != 0)
                {
                    return null;
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                unavailable = true;
                return null;
            }

            return new Status(BitConverter.ToInt32(status, 4), BitConverter.ToUInt32(status, 8), BitConverter.ToUInt32(status, 12));
        }

        /// <summary>
        /// Gives <paramref name="target"/> the permission bits, owner and group of <paramref name="model"/>, as a file
        /// that replaces it must keep them (a policy file of 0640 www-data must stay readable by the web server).
        /// False when the owner could not be kept (only root may give a file away); the mode is kept whenever it can be.
        /// </summary>
        public static bool CopyOwnerAndMode(Status model, string target)
        {
            byte[] name = Encoding.UTF8.GetBytes(target + "\0");
            Chmod(name, (uint)(model.Mode & PermissionMask));
            var now = Stat(target);
            return now != null && now.Value.Owner == model.Owner && now.Value.Group == model.Group
                || Chown(name, model.Owner, model.Group) == 0;
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        private static extern int SystemNativeStat(byte[] path, [Out] byte[] status);

        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int Chmod(byte[] path, uint mode);

        [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
        private static extern int Chown(byte[] path, uint owner, uint group);
    }
}
