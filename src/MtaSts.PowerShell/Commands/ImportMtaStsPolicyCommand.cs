using System;
using System.IO;
using System.Management.Automation;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Import-MtaStsPolicy: reads policy files byte for byte (a BOM, UTF-16 or a file over 64 KiB is an error,
    /// as it is for senders) and parses them per RFC 8461 §3.2. A folder is read as a web root.
    /// </summary>
    [Cmdlet(VerbsData.Import, "MtaStsPolicy", DefaultParameterSetName = PathSet, HelpUri = HelpPages + "Import-MtaStsPolicy.md")]
    [OutputType(typeof(MtaStsPolicy))]
    public sealed class ImportMtaStsPolicyCommand : ImportCmdlet
    {
        /// <summary>The Policy Domain to attach to the result.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Domain { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string file in ResolvePaths())
            {
                Import(file);
            }
        }

        protected override string NotFoundErrorId => "MtaStsPolicyFileNotFound";

        private void Import(string path)
        {
            string file = Directory.Exists(path) ? WellKnownNames.PolicyFile(path) : path;
            byte[] bytes;
            try
            {
                bytes = RegularFile.ReadCapped(file, PolicyParser.MaxPolicyBytes);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(ReadError(ex, "MtaStsPolicyReadFailed", file));
                return;
            }

            if (VerboseWanted)
            {
                WriteVerbose(Messages.Format("ImportRead", Math.Min(bytes.Length, PolicyParser.MaxPolicyBytes), file));
            }

            WriteParsedPolicy(PolicyParser.Parse(bytes), file, file, Domain);
        }
    }
}
