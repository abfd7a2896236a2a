using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Export-MtaStsPolicy: writes the policy's exact bytes (CRLF, no BOM) where a web server serves them,
    /// atomically, with -WhatIf/-Confirm. -Path (wildcards) and -LiteralPath are web roots; -FilePath is the file itself.
    /// </summary>
    [Cmdlet(VerbsData.Export, "MtaStsPolicy", SupportsShouldProcess = true, DefaultParameterSetName = PathSet, HelpUri = HelpPages + "Export-MtaStsPolicy.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportMtaStsPolicyCommand : PolicyFileCmdlet
    {
        /// <summary>The policy to write; the Policy property of Get-MtaStsPolicy and Test-MtaStsDomain results binds too.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Policy")]
        public MtaStsPolicy InputObject { get; set; } = null!;

        /// <summary>Do not replace an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Return the written file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            byte[] bytes = InputObject.ToBytes();
            foreach (string target in PolicyFiles())
            {
                Write(target, bytes);
            }
        }

        private void Write(string target, byte[] bytes)
        {

            try
            {
                bool exists = File.Exists(target);
                if (exists && NoClobber)
                {
                    WriteError(IoError(new IOException(Messages.Format("ExportFileExists", target)),
                        "MtaStsFileExists", ErrorCategory.ResourceExists, target));
                    return;
                }

                if (exists && Unchanged(target, bytes))
                {
                    if (VerboseWanted)
                    {
                        WriteVerbose(Messages.Format("ExportUnchanged", target));
                    }

                    Emit(target);
                    return;
                }

                string action = exists ? Messages.Get("ExportActionReplace") : Messages.Get("ExportActionWrite");
                if (!ShouldProcess(target, action))
                {
                    return;
                }

                if (Directory.Exists(target))
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

                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                if (!AtomicFile.Write(target, bytes))
                {
                    WriteWarning(Messages.Format("ExportOwnerNotKept", target));
                }
                if (VerboseWanted)
                {
                    WriteVerbose(InputObject.PolicyUrl == null ? Messages.Format("ExportWrote", bytes.Length, target) : Messages.Format("ExportWroteAt", bytes.Length, target, InputObject.PolicyUrl));
                }

                if (exists)
                {
                    string domain = InputObject.Domain ?? "<domain>";
                    WriteWarning(Messages.Format("ExportChanged", target, domain));
                }

                Emit(target);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                WriteError(IoError(ex, "MtaStsPolicyWriteFailed", ErrorCategory.WriteError, target));
            }
        }

        private static bool Unchanged(string target, byte[] bytes)
        {
            var info = new FileInfo(target);
            return info.Length == bytes.Length && RegularFile.ReadCapped(target, bytes.Length).SequenceEqual(bytes);
        }

        /// <summary>With -PassThru, the file as Get-Item gives it: through the provider, so it lists and formats the same.</summary>
        private void Emit(string target)
        {
            if (PassThru)
            {
                WriteObject(InvokeProvider.Item.Get(new[] { target }, false, true), true);
            }
        }
    }
}
