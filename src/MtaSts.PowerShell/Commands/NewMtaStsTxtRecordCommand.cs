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
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public string[]? Domain { get; set; }

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
            if (Domain == null || Domain.Length == 0)
            {
                ReportMissingDomain();
                return;
            }

            foreach (string domain in Domain)
            {
                if (string.IsNullOrEmpty(domain))
                {
                    ReportMissingDomain();
                    continue;
                }

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

        private void ReportMissingDomain() =>
            WriteFinding(new Finding(ErrorCodes.DomainInvalid, Severity.Error,
                "No domain was given: a policy piped in needs a Domain (New-MtaStsPolicy -Domain example.com …), or give -Domain.",
                "RFC 8461 §3.1"), ErrorCategory.InvalidArgument, null);
    }
}
