using System.Collections.Generic;
using System.IO;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// The files a <see cref="FolderWalker"/> found, in order: each folder's path once and its files' names, so that a folder
    /// of 100,000 reports costs a name per file rather than a full path. Full paths are made as they are read.
    /// </summary>
    internal sealed class FoundFiles
    {
        private readonly List<(string Folder, List<string> Names)> folders = new List<(string, List<string>)>();

        public int Count { get; private set; }

        public void Add(string folder, List<string> names)
        {
            if (names.Count > 0)
            {
                names.TrimExcess();
                folders.Add((folder, names));
                Count += names.Count;
            }
        }

        public IEnumerable<string> Paths()
        {
            foreach (var (folder, names) in folders)
            {
                foreach (string name in names)
                {
                    yield return Path.Combine(folder, name);
                }
            }
        }
    }
}
