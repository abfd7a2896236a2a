using System;
using System.Management.Automation;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;
using MtaSts.Records;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>New-TlsRptRecord: the _smtp._tls TXT record that tells senders where to report TLS failures (RFC 8460 §3).</summary>
    [Cmdlet(VerbsCommon.New, "TlsRptRecord", HelpUri = HelpPages + "New-TlsRptRecord.md")]
    [OutputType(typeof(TlsRptRecord))]
    public sealed class NewTlsRptRecordCommand : NewTxtRecordCmdlet
    {
        /// <summary>Report destinations: mailto: or https: URIs, or bare e-mail addresses.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Rua { get; set; } = Array.Empty<string>();

        protected override TxtResourceRecord Create(string domain)
        {
            var record = TlsRptRecord.Create(domain, Rua, ZoneName, TimeToLive);
            WriteAdvice(record.Review(), domain);
            return record;
        }

        protected override string Describe(TxtResourceRecord record) =>
            Messages.Format("TlsRptRecordPublish", record.Fqdn, record.Value);
    }
}
