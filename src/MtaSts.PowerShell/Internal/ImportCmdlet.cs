using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// What the Import-* cmdlets share: -Path (wildcards) and -LiteralPath (FileInfo objects bind by PSPath),
    /// resolved to file-system paths, with a non-terminating error for each path that resolves to nothing.
    /// </summary>
    public abstract class ImportCmdlet : MtaStsCmdlet
    {
        protected const string PathSet = "Path";
        protected const string LiteralPathSet = "LiteralPath";

        /// <summary>Files or folders; wildcards are allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files or folders, taken literally; FileInfo objects from Get-ChildItem bind here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The error id for a path that matches nothing, e.g. MtaStsPolicyFileNotFound.</summary>
        protected abstract string NotFoundErrorId { get; }

        /// <summary>The file-system paths given, wildcards expanded.</summary>
        protected IEnumerable<string> ResolvePaths()
        {
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (string path in LiteralPath)
                {
                    string? resolved = null;
                    try
                    {
                        resolved = FileSystemPath(path);
                    }
                    catch (PSArgumentException ex)
                    {
                        WriteError(NotFileSystemError(ex, path));
                    }

                    if (resolved != null)
                    {
                        yield return resolved;
                    }
                }

                yield break;
            }

            foreach (string path in Path)
            {
                IEnumerable<string> resolved;
                try
                {
                    resolved = ResolvedFileSystemPaths(path);
                }
                catch (ItemNotFoundException ex)
                {
                    WriteError(new ErrorRecord(ex, NotFoundErrorId, ErrorCategory.ObjectNotFound, path));
                    continue;
                }
                catch (PSArgumentException ex)
                {
                    WriteError(NotFileSystemError(ex, path));
                    continue;
                }

                foreach (string file in resolved)
                {
                    yield return file;
                }
            }
        }
    }
}
