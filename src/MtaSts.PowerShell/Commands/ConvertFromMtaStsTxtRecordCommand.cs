using System;
using System.Management.Automation;
using MtaSts.PowerShell.Internal;
using MtaSts.Records;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// ConvertFrom-MtaStsTxtRecord: parses an _mta-sts TXT value exactly per RFC 8461 §3.1. The strings of
    /// one input are the character-strings of one record and are joined with no separator, so the Strings of
    /// a record from Resolve-DnsName pipe in by property name.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "MtaStsTxtRecord")]
    [OutputType(typeof(MtaStsTxtRecord))]
    public sealed class ConvertFromMtaStsTxtRecordCommand : MtaStsCmdlet
    {
        /// <summary>The record's text, or its character-strings in order.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Strings", "DescriptiveText", "Value")]
        [AllowEmptyString]
        public string[] InputObject { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            string value = MtaStsTxtRecord.JoinStrings(InputObject);
            var record = WriteParseResult(TxtRecordParser.ParseMtaSts(value), null, value);
            if (record != null)
            {
                WriteObject(record);
            }
        }
    }
}
