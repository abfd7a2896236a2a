using System.Management.Automation;
using MtaSts.PowerShell.Internal;
using MtaSts.Records;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>ConvertFrom-TlsRptRecord: parses a _smtp._tls TXT value exactly per RFC 8460 §3.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "TlsRptRecord", HelpUri = HelpPages + "ConvertFrom-TlsRptRecord.md")]
    [OutputType(typeof(TlsRptRecord))]
    public sealed class ConvertFromTlsRptRecordCommand : ConvertFromTxtRecordCmdlet
    {
        private protected override object? ParseAndReport(string value) => WriteParseResult(TlsRptRecordParser.Parse(value), null, value);
    }
}
