using System;
using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// What the ConvertFrom-*Record cmdlets share: the strings of one input are the character-strings of one TXT
    /// record, joined with no separator (RFC 8461 §3.1, RFC 8460 §3), so the Strings of a record from
    /// Resolve-DnsName pipe in by property name. Not generic over the record type: a cmdlet type must load without
    /// the engine (see ModuleInitAndCleanup).
    /// </summary>
    public abstract class ConvertFromTxtRecordCmdlet : MtaStsCmdlet
    {
        /// <summary>The record's text, or its character-strings in order.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Strings", "DescriptiveText", "Value")]
        [AllowEmptyString]
        [PipelineText("InputObject", "Strings", "DescriptiveText", "Value", "Text")]
        public string[] InputObject { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            var parts = new string[InputObject.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                // Values pasted from dig or a zone file keep their quotes; DNS data never starts with one in a valid record.
                if (Records.DnsTxtText.TryReadPresentation(InputObject[i], out string unquoted, out int strings))
                {
                    WriteVerbose(Messages.Format("TxtPresentationRead", strings));
                    parts[i] = unquoted;
                }
                else
                {
                    parts[i] = InputObject[i];
                }
            }

            string value = Records.DnsTxtText.Join(parts);
            var record = ParseAndReport(value);
            if (record != null)
            {
                WriteObject(record);
            }
        }

        /// <summary>Parses the joined value, writing its warnings and error; returns the record, or null.</summary>
        private protected abstract object? ParseAndReport(string value);
    }
}
