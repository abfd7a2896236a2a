using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// Lists the files in folders as a user means them: each real folder and each real file once, however many links
    /// lead there, so a link back to a parent ends instead of repeating or exhausting memory. Names are taken in
    /// ordinal order, a folder's files before its subfolders. What cannot be listed is reported and skipped.
    /// </summary>
    internal sealed class FolderWalker
    {
        private const int MaxDepth = 64;

        private static readonly bool IgnoreCase = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        private static readonly StringComparer PathComparer = IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        private readonly HashSet<string> folders = new HashSet<string>(PathComparer);

        // A folder of 100,000 reports is read in one run: each file seen costs a 16-byte hash of its real path, not the path.
        private readonly HashSet<TextHash> files = new HashSet<TextHash>();
        private readonly Action<string, Exception> skipped;

        /// <param name="skipped">Told of each entry that could not be listed or followed, with the reason.</param>
        public FolderWalker(Action<string, Exception> skipped) => this.skipped = skipped;

        /// <summary>The files in <paramref name="folder"/> (and below it with <paramref name="recurse"/>) that <paramref name="wanted"/> accepts.</summary>
        public FoundFiles Files(string folder, bool recurse, Func<FileInfo, bool> wanted)
        {
            var found = new FoundFiles();
            string? real = RealPath(new DirectoryInfo(folder));
            if (real != null)
            {
                Walk(folder, real, recurse, wanted, found, 0);
            }

            return found;
        }

        private void Walk(string shown, string real, bool recurse, Func<FileInfo, bool> wanted, FoundFiles found, int depth)
        {
            if (!folders.Add(real))
            {
                return;
            }

            // Entries are streamed and a wanted file is kept as its name and a hash of where it leads, so a huge folder never
            // sits in memory as FileInfo objects or full paths.
            var directory = new DirectoryInfo(shown);
            var wantedFiles = new List<(string Name, TextHash Target)>();
            var subfolders = new List<DirectoryInfo>();
            try
            {
                foreach (var entry in directory.EnumerateFileSystemInfos())
                {
                    if (entry is FileInfo file)
                    {
                        string? target = wanted(file) ? RealPath(file) : null;
                        if (target != null)
                        {
                            wantedFiles.Add((file.Name, TextHash.Of(IgnoreCase ? target.ToUpperInvariant() : target)));
                        }
                    }
                    else if (recurse && entry is DirectoryInfo subfolder)
                    {
                        subfolders.Add(subfolder);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                skipped(shown, ex);
                return;
            }

            wantedFiles.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            var names = new List<string>();
            foreach (var (name, target) in wantedFiles)
            {
                if (files.Add(target))
                {
                    names.Add(name);
                }
            }

            found.Add(directory.FullName, names);

            if (depth >= MaxDepth)
            {
                return;
            }

            subfolders.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var subfolder in subfolders)
            {
                string? target = RealPath(subfolder);
                if (target != null)
                {
                    Walk(subfolder.FullName, target, recurse, wanted, found, depth + 1);
                }
            }
        }

        /// <summary>The path an entry stands for once its links are followed; null (and reported) when that fails.</summary>
        private string? RealPath(FileSystemInfo entry)
        {
            try
            {
#if NET
                if (entry.LinkTarget != null)
                {
                    var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                    return target == null ? null : Normal(target.FullName);
                }
#else
                // Without a way to resolve links, a linked folder is not entered (a junction can point at a parent).
                if (entry is DirectoryInfo && (entry.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    return null;
                }
#endif
                return Normal(entry.FullName);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                skipped(entry.FullName, ex);
                return null;
            }
        }

        private static string Normal(string path)
        {
            string full = Path.GetFullPath(path);
            return full.Length > 1 ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
        }
    }
}
