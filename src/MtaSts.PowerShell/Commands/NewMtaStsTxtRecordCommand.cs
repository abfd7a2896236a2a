using System.Management.Automation;
using MtaSts.Policy;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;
using MtaSts.Records;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>New-MtaStsTxtRecord: the _mta-sts TXT record for a domain, ready for DNS cmdlets or a zone file (RFC 8461 §3.1).</summary>
    [Cmdlet(VerbsCommon.New, "MtaStsTxtRecord", HelpUri = HelpPages + "New-MtaStsTxtRecord.md")]
    [OutputType(typeof(MtaStsTxtRecord))]
    public sealed class NewMtaStsTxtRecordCommand : NewTxtRecordCmdlet
    {
        /// <summary>The policy id: 1 to 32 letters and digits; default the UTC time as yyyyMMddHHmmssZ.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Id { get; set; }

        /// <summary>
        /// A policy piped in: the first 8 hex digits of its content's SHA-256 follow the time in the default id, so two
        /// different policies never share an id, even when made in the same second (RFC 8461 §3.1).
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        public MtaStsPolicy? Policy { get; set; }

        protected override TxtResourceRecord Create(string domain)
        {
            string? id = Id;
            if (id == null && Policy != null)
            {
                id = StsId.New(Clock.System) + StsId.FromContent(Policy.ToBytes()).Substring(0, 8);
            }

            return MtaStsTxtRecord.Create(domain, id, ZoneName, TimeToLive, Clock.System);
        }

        protected override string Describe(TxtResourceRecord record) =>
            Messages.Format("TxtRecordPublish", record.Fqdn, record.Value);
    }
}
