using System;
using System.Management.Automation;
using MtaSts.Validation;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// What the ConvertFrom-*Record cmdlets share: the strings of one input are the character-strings of one TXT
    /// record, joined with no separator (RFC 8461 §3.1, RFC 8460 §3), so the Strings of a record from
    /// Resolve-DnsName pipe in by property name.
    /// </summary>
    public abstract class ConvertFromTxtRecordCmdlet<T> : MtaStsCmdlet
        where T : class
    {
        /// <summary>The record's text, or its character-strings in order.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Strings", "DescriptiveText", "Value")]
        [AllowEmptyString]
        public string[] InputObject { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            string value = Records.DnsTxtText.Join(InputObject);
            var record = WriteParseResult(Parse(value), null, value);
            if (record != null)
            {
                WriteObject(record);
            }
        }

        protected abstract ParseResult<T> Parse(string value);
    }
}
