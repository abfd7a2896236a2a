using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// What the cmdlets that write policy files share. -Path and -LiteralPath name web roots (the file is
    /// &lt;root&gt;/.well-known/mta-sts.txt), with and without wildcards, as on the Import cmdlets; -FilePath names the
    /// file itself. All are file-system paths.
    /// </summary>
    public abstract class PolicyFileCmdlet : MtaStsCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";
        protected const string FilePathSet = "FilePath";

        /// <summary>The web root; wildcards name every existing folder they match.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The web root, taken literally; DirectoryInfo objects from Get-ChildItem bind here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = string.Empty;

        /// <summary>The policy file itself, taken literally, wherever it is; a script block gives each piped policy its own.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FilePathSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string FilePath { get; set; } = string.Empty;

        /// <summary>The policy files the parameters name; each path that names none gets an error that says why.</summary>
        private protected IEnumerable<string> PolicyFiles()
        {
            string given = ParameterSetName == PathSet ? Path : ParameterSetName == LiteralPathSet ? LiteralPath : FilePath;
            var files = new List<string>();
            try
            {
                if (ParameterSetName == FilePathSet)
                {
                    files.Add(FileSystemPath(FilePath));
                }
                else
                {
                    foreach (string root in WebRoots(given))
                    {
                        if (File.Exists(root))
                        {
                            WriteError(IoError(new IOException(Messages.Format("PolicyPathIsFile", root)), "MtaStsPathIsFile", ErrorCategory.InvalidArgument, root));
                            continue;
                        }

                        files.Add(WellKnownNames.PolicyFile(root));
                    }
                }
            }
            catch (PSArgumentException ex)
            {
                WriteError(NotFileSystemError(ex, given));
            }
            catch (ItemNotFoundException ex)
            {
                WriteError(IoError(new ItemNotFoundException(Messages.Format("PolicyPathNoMatch", given), ex), "MtaStsPathNotFound", ErrorCategory.ObjectNotFound, given));
            }
            catch (SessionStateException ex)
            {
                WriteError(IoError(ex, "MtaStsPathInvalid", ErrorCategory.InvalidArgument, given));
            }

            return files;
        }

        /// <summary>
        /// A literal path names one web root, which need not exist yet; a path with wildcards names the existing items
        /// it matches, through the provider, and matching nothing is an error rather than a folder named '*'.
        /// </summary>
        private IEnumerable<string> WebRoots(string given)
        {
            if (ParameterSetName == LiteralPathSet || !WildcardPattern.ContainsWildcardCharacters(given))
            {
                return new[] { FileSystemPath(given) };
            }

            var matches = ResolvedFileSystemPaths(given);
            return matches.Count > 0 ? matches : throw new ItemNotFoundException(given);
        }
    }
}
