using System;
using System.Management.Automation;
using MtaSts.PowerShell.Internal;
using MtaSts.Records;
using MtaSts.Validation;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>New-MtaStsTxtRecord: the _mta-sts TXT record for a domain, ready for DNS cmdlets or a zone file (RFC 8461 §3.1).</summary>
    [Cmdlet(VerbsCommon.New, "MtaStsTxtRecord")]
    [OutputType(typeof(MtaStsTxtRecord))]
    public sealed class NewMtaStsTxtRecordCommand : MtaStsCmdlet
    {
        /// <summary>The Policy Domain (or several); a piped policy binds by its Domain property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>The policy id: 1 to 32 letters and digits; default the UTC time as yyyyMMddHHmmssZ.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Id { get; set; }

        /// <summary>The DNS zone the record goes into; default the domain itself.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ZoneName { get; set; }

        /// <summary>The record's TTL: a TimeSpan or a number of seconds; default one hour.</summary>
        [Parameter]
        [TimeToLiveTransformation]
        public TimeSpan TimeToLive { get; set; } = TxtResourceRecord.DefaultTimeToLive;

        /// <summary>The clock used for the default id; tests replace it.</summary>
        internal static Clock Clock { get; set; } = Clock.System;

        protected override void ProcessRecord()
        {
            foreach (string domain in Domain)
            {
                try
                {
                    var record = MtaStsTxtRecord.Create(domain, Id, ZoneName, TimeToLive, Clock);
                    if (VerboseWanted)
                    {
                        WriteVerbose($"{record.Fqdn}: publish exactly one TXT record '{record.Value}' (replace any earlier one), after the policy file is served (RFC 8461 §3.1, §8.1).");
                    }

                    WriteObject(record);
                }
                catch (MtaStsFormatException ex)
                {
                    WriteFinding(ex, ErrorCategory.InvalidArgument, ex.Finding.Target ?? domain);
                }
            }
        }
    }
}
