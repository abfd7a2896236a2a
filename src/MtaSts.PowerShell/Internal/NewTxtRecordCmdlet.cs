using System.Management.Automation;
using System;
using MtaSts.Diagnostics;
using MtaSts.PowerShell.Resources;
using MtaSts.Records;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// What the New-*Record cmdlets share: one record per domain, domains given as an array, piped as strings, or
    /// taken from a piped policy or row by property name; an optional zone and TTL; the DNS record contract out.
    /// </summary>
    public abstract class NewTxtRecordCmdlet : MtaStsCmdlet
    {
        private readonly System.Collections.Generic.HashSet<string> published = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The Policy Domain (or several); a piped policy binds by its Domain property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        [PipelineText("Domain", "Domain")]
        public string[]? Domain { get; set; }

        /// <summary>The DNS zone the record goes into; default the domain itself.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ZoneName { get; set; }

        /// <summary>The record's TTL: a TimeSpan or a number of seconds; null for the record type's default.</summary>
        [Parameter]
        [TimeToLiveTransformation]
        [ArgumentCompleter(typeof(TimeToLiveCompleter))]
        public TimeSpan? TimeToLive { get; set; }

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
                    var record = Create(domain);
                    if (!published.Add(record.Fqdn!))
                    {
                        // Rows of one domain (one per MX, say) must not give two records: senders read two as none (RFC 8461 §3.1).
                        WriteVerbose(Messages.Format("RecordDomainRepeated", record.Fqdn));
                        continue;
                    }

                    if (VerboseWanted)
                    {
                        WriteVerbose(Describe(record));
                    }

                    WriteObject(record);
                }
                catch (MtaStsFormatException ex)
                {
                    WriteFinding(ex, ErrorCategory.InvalidArgument, ex.Finding.Target ?? domain);
                }
            }
        }

        /// <summary>Builds the record for one domain; throws <see cref="MtaStsFormatException"/> for bad input.</summary>
        protected abstract TxtResourceRecord Create(string domain);

        /// <summary>The verbose line about a new record: where it goes and what to do with it.</summary>
        protected abstract string Describe(TxtResourceRecord record);

        private void ReportMissingDomain() =>
            WriteFinding(new Finding(ErrorCodes.DomainInvalid, Severity.Error,
                Messages.Get("TxtRecordNoDomain"),
                "RFC 8461 §3.1"), ErrorCategory.InvalidArgument, null);
    }
}
