using System.Collections.Generic;
using System.Management.Automation;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// ConvertFrom-MtaStsPolicy: parses policy text exactly per RFC 8461 §3.2. Each piped string is one
    /// policy; lines piped one by one (Get-Content without -Raw) are joined with LF into one policy.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "MtaStsPolicy", HelpUri = HelpPages + "ConvertFrom-MtaStsPolicy.md")]
    [OutputType(typeof(MtaStsPolicy))]
    public sealed class ConvertFromMtaStsPolicyCommand : MtaStsCmdlet
    {
        private readonly List<string> inputs = new List<string>();

        /// <summary>The policy text.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public string InputObject { get; set; } = string.Empty;

        /// <summary>The Policy Domain to attach to the result.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Domain { get; set; }

        protected override void ProcessRecord() => inputs.Add(InputObject ?? string.Empty);

        protected override void EndProcessing()
        {
            if (inputs.Count > 1 && inputs.TrueForAll(s => s.IndexOf('\n') < 0))
            {
                WriteVerbose(Messages.Format("PolicyLinesJoined", inputs.Count));
                Convert(string.Join("\n", inputs));
                return;
            }

            foreach (string text in inputs)
            {
                Convert(text);
            }
        }

        private void Convert(string text)
        {
            var policy = ParsedPolicy(PolicyParser.Parse(text), null, text, Domain);
            if (policy != null)
            {
                WriteObject(policy);
            }
        }
    }
}
