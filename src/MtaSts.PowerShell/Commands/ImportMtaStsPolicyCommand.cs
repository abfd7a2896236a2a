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
    /// as it is for senders) and parses them per RFC 8461 §3.2. A folder is read as a web root, and its name gives the
    /// Policy Domain when it is one (example.com, mta-sts.example.com). Each policy carries the Path it was read from.
    /// </summary>
    [Cmdlet(VerbsData.Import, "MtaStsPolicy", DefaultParameterSetName = PathSet, HelpUri = HelpPages + "Import-MtaStsPolicy.md")]
    [OutputType(typeof(MtaStsPolicy))]
    public sealed class ImportMtaStsPolicyCommand : ImportCmdlet
    {
        /// <summary>The Policy Domain to attach to the result; without it, the web root's name gives it when it is a domain.</summary>
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
                WriteError(PolicyReadError(ex, file));
                return;
            }

            if (VerboseWanted)
            {
                WriteVerbose(Messages.Format("ImportRead", Math.Min(bytes.Length, PolicyParser.MaxPolicyBytes), file));
            }

            var policy = ParsedPolicy(PolicyParser.Parse(bytes), file, file, Domain ?? DomainOf(file));
            if (policy != null)
            {
                // The file the policy came from, so that policies read from many sites can be told apart.
                var shown = PSObject.AsPSObject(policy);
                shown.Properties.Add(new PSNoteProperty("Path", file));
                WriteObject(shown);
            }
        }

        /// <summary>The domain the web root's name makes clear (mta-sts.example.com, sites/example.com), or null with a verbose line.</summary>
        private string? DomainOf(string file)
        {
            string? root = WellKnownNames.WebRootOf(file);
            string? domain = root == null ? null : WellKnownNames.DomainOfWebRoot(root);
            if (VerboseWanted)
            {
                WriteVerbose(domain != null ? Messages.Format("ImportDomainFromWebRoot", domain, root) : Messages.Format("ImportDomainUnclear", root ?? file));
            }

            return domain;
        }
    }
}
