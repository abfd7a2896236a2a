using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Import-MtaStsPolicy: reads policy files byte for byte (a BOM, UTF-16 or a file over 64 KiB is an error,
    /// as it is for senders) and parses them per RFC 8461 §3.2. A folder is read as a web root.
    /// </summary>
    [Cmdlet(VerbsData.Import, "MtaStsPolicy", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(MtaStsPolicy))]
    public sealed class ImportMtaStsPolicyCommand : MtaStsCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>Policy files or web roots; wildcards are allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Policy files or web roots, taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The Policy Domain to attach to the result.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Domain { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string file in ResolveFiles())
            {
                Import(file);
            }
        }

        private Collection<string> ResolveFiles()
        {
            var files = new Collection<string>();
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (string path in LiteralPath)
                {
                    files.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
                }

                return files;
            }

            foreach (string path in Path)
            {
                try
                {
                    foreach (string resolved in GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider))
                    {
                        if (provider.Name != "FileSystem")
                        {
                            WriteError(new ErrorRecord(new NotSupportedException($"'{path}' is not a file-system path."), "MtaStsPathNotFileSystem", ErrorCategory.InvalidArgument, path));
                            continue;
                        }

                        files.Add(resolved);
                    }
                }
                catch (ItemNotFoundException ex)
                {
                    WriteError(new ErrorRecord(ex, "MtaStsPolicyFileNotFound", ErrorCategory.ObjectNotFound, path));
                }
            }

            return files;
        }

        private void Import(string path)
        {
            string file = Directory.Exists(path) ? System.IO.Path.Combine(path, ".well-known", "mta-sts.txt") : path;
            byte[] bytes;
            try
            {
                bytes = AtomicFile.ReadCapped(file, PolicyParser.MaxPolicyBytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var category = ex is FileNotFoundException || ex is DirectoryNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError;
                WriteError(IoError(ex, "MtaStsPolicyReadFailed", category, file));
                return;
            }

            if (VerboseWanted)
            {
                WriteVerbose($"Read {Math.Min(bytes.Length, PolicyParser.MaxPolicyBytes)} bytes from '{file}'.");
            }

            WriteParsedPolicy(PolicyParser.Parse(bytes), file, file, Domain);
        }
    }
}
