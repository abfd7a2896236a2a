using System.Management.Automation;
using MtaSts.PowerShell.Internal;
using MtaSts.Records;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>ConvertFrom-MtaStsTxtRecord: parses an _mta-sts TXT value exactly per RFC 8461 §3.1.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "MtaStsTxtRecord", HelpUri = HelpPages + "ConvertFrom-MtaStsTxtRecord.md")]
    [OutputType(typeof(MtaStsTxtRecord))]
    public sealed class ConvertFromMtaStsTxtRecordCommand : ConvertFromTxtRecordCmdlet
    {
        private protected override object? ParseAndReport(string value) => WriteParseResult(TxtRecordParser.ParseMtaSts(value), null, value);
    }
}
