using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Export-MtaStsPolicy: writes the policy's exact bytes (CRLF, no BOM) where a web server serves them, with
    /// -WhatIf/-Confirm. -Path (wildcards) and -LiteralPath are web roots; -FilePath is the file itself. Files are
    /// replaced in batches (<see cref="FileBatch"/>): each is its old or its new complete content at any moment, and a
    /// batch waits for the disk twice, not once per file. -PassThru returns each policy once its files are in place.
    /// </summary>
    [Cmdlet(VerbsData.Export, "MtaStsPolicy", SupportsShouldProcess = true, DefaultParameterSetName = PathSet, HelpUri = HelpPages + "Export-MtaStsPolicy.md")]
    [OutputType(typeof(MtaStsPolicy))]
    public sealed class ExportMtaStsPolicyCommand : PolicyFileCmdlet, IDisposable
    {
        /// <summary>Files staged before the batch is committed; bounds what waits and what a Ctrl+C leaves unwritten.</summary>
        private const int BatchSize = 1000;

        private readonly FileBatch batch = new FileBatch();
        private readonly List<Written> staged = new List<Written>();
        private readonly List<Exported> exported = new List<Exported>();
        private readonly HashSet<string> folders = new HashSet<string>(StringComparer.Ordinal);
        private bool stopped;

        /// <summary>The policy to write; the Policy property of Get-MtaStsPolicy and Test-MtaStsDomain results binds too.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Policy")]
        public MtaStsPolicy InputObject { get; set; } = null!;

        /// <summary>Do not replace an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Return each policy, with the file it is in as its Path, so that New-MtaStsTxtRecord can follow in the same pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                byte[] bytes = InputObject.ToBytes();
                var export = new Exported(InputObject);
                foreach (string target in PolicyFiles())
                {
                    Write(target, bytes, export);
                }

                exported.Add(export);
                if (batch.Count >= BatchSize)
                {
                    Commit();
                }
            }
            catch (Exception ex) when (ex is ActionPreferenceStopException || (ex is PipelineStoppedException && !stopped))
            {
                // -ErrorAction Stop, or a downstream command that wants no more: what was staged before was asked for and
                // is written; nothing more is reported.
                batch.Commit();
                throw;
            }
        }

        protected override void EndProcessing() => Commit();

        /// <summary>Ctrl+C: what is staged is dropped, and those files keep their old content.</summary>
        protected override void StopProcessing() => stopped = true;

        public void Dispose() => batch.Dispose();

        private void Write(string target, byte[] bytes, Exported export)
        {
            try
            {
                // One stat answers whether the target exists, is a folder, and how long it is.
                var info = new FileInfo(target);
                bool exists = info.Exists;
                if (exists && NoClobber)
                {
                    WriteError(IoError(new IOException(Messages.Format("ExportFileExists", target)),
                        "MtaStsFileExists", ErrorCategory.ResourceExists, target));
                    return;
                }

                if (exists && Unchanged(info, bytes))
                {
                    if (VerboseWanted)
                    {
                        WriteVerbose(Messages.Format("ExportUnchanged", target));
                    }

                    export.Files.Add(target);
                    return;
                }

                string action = exists ? Messages.Get("ExportActionReplace") : Messages.Get("ExportActionWrite");
                if (!ShouldProcess(target, action))
                {
                    return;
                }

                if (!exists && (int)info.Attributes != -1 && (info.Attributes & FileAttributes.Directory) != 0)
                {
                    WriteError(IoError(new IOException(Messages.Format("ExportPathIsFolder", target)),
                        "MtaStsPathIsFolder", ErrorCategory.InvalidArgument, target));
                    return;
                }

                string? problem = exists ? RegularFile.Problem(target) : null;
                if (problem != null)
                {
                    WriteError(IoError(new IOException(problem), "MtaStsPolicyWriteFailed", ErrorCategory.InvalidArgument, target));
                    return;
                }

                string folder = System.IO.Path.GetDirectoryName(target)!;
                if (folders.Add(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                if (!batch.Stage(target, bytes, exists))
                {
                    WriteWarning(Messages.Format("ExportOwnerNotKept", target));
                }

                staged.Add(new Written(target, bytes.Length, exists, export));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                WriteError(IoError(ex, "MtaStsPolicyWriteFailed", ErrorCategory.WriteError, target));
            }
        }

        /// <summary>Puts the staged files in place, then tells what was written and returns the policies with -PassThru.</summary>
        private void Commit()
        {
            var failed = batch.Commit();
            foreach (var file in staged)
            {
                var error = failed.FirstOrDefault(f => ReferenceEquals(f.Target, file.Target)).Error;
                if (error != null)
                {
                    WriteError(IoError(error, "MtaStsPolicyWriteFailed", ErrorCategory.WriteError, file.Target));
                    continue;
                }

                var policy = file.Export.Policy;
                if (VerboseWanted)
                {
                    WriteVerbose(policy.PolicyUrl == null ? Messages.Format("ExportWrote", file.Length, file.Target) : Messages.Format("ExportWroteAt", file.Length, file.Target, policy.PolicyUrl));
                }

                if (file.Replaced)
                {
                    WriteWarning(Messages.Format("ExportChanged", file.Target, policy.Domain ?? "<domain>"));
                }

                file.Export.Files.Add(file.Target);
            }

            staged.Clear();
            if (PassThru)
            {
                foreach (var export in exported.Where(e => e.Files.Count > 0))
                {
                    var output = PSObject.AsPSObject(export.Policy);
                    output.Properties.Remove("Path");
                    output.Properties.Add(new PSNoteProperty("Path", export.Files.Count == 1 ? export.Files[0] : (object)export.Files.ToArray()));
                    WriteObject(output);
                }
            }

            exported.Clear();
        }

        private static bool Unchanged(FileInfo info, byte[] bytes) =>
            info.Length == bytes.Length && RegularFile.ReadCapped(info.FullName, bytes.Length).SequenceEqual(bytes);

        /// <summary>One input policy and the files that hold it once the batch is in place.</summary>
        private sealed class Exported
        {
            public Exported(MtaStsPolicy policy) => Policy = policy;

            public MtaStsPolicy Policy { get; }

            public List<string> Files { get; } = new List<string>();
        }

        /// <summary>A staged file: where it goes, its size, whether it replaces one, and whose it is.</summary>
        private sealed record Written(string Target, int Length, bool Replaced, Exported Export);
    }
}
