using System.Management.Automation;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;
using MtaSts.Records;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>New-MtaStsTxtRecord: the _mta-sts TXT record for a domain, ready for DNS cmdlets or a zone file (RFC 8461 §3.1).</summary>
    [Cmdlet(VerbsCommon.New, "MtaStsTxtRecord")]
    [OutputType(typeof(MtaStsTxtRecord))]
    public sealed class NewMtaStsTxtRecordCommand : NewTxtRecordCmdlet
    {
        /// <summary>The policy id: 1 to 32 letters and digits; default the UTC time as yyyyMMddHHmmssZ.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Id { get; set; }

        protected override TxtResourceRecord Create(string domain) =>
            MtaStsTxtRecord.Create(domain, Id, ZoneName, TimeToLive, Clock.System);

        protected override string Describe(TxtResourceRecord record) =>
            Messages.Format("TxtRecordPublish", record.Fqdn, record.Value);
    }
}
