using System;
using System.Management.Automation;
using MtaSts.PowerShell.Internal;
using MtaSts.Records;
using MtaSts.Validation;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>New-TlsRptRecord: the _smtp._tls TXT record that tells senders where to report TLS failures (RFC 8460 §3).</summary>
    [Cmdlet(VerbsCommon.New, "TlsRptRecord")]
    [OutputType(typeof(TlsRptRecord))]
    public sealed class NewTlsRptRecordCommand : MtaStsCmdlet
    {
        /// <summary>The Policy Domain (or several); a piped policy or record binds by its Domain property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>Report destinations: mailto: or https: URIs, or bare e-mail addresses.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Rua { get; set; } = Array.Empty<string>();

        /// <summary>The DNS zone the record goes into; default the domain itself.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? ZoneName { get; set; }

        /// <summary>The record's TTL: a TimeSpan or a number of seconds; default one day (RFC 8460 §7).</summary>
        [Parameter]
        [TimeToLiveTransformation]
        public TimeSpan TimeToLive { get; set; } = TlsRptRecord.DefaultTlsRptTimeToLive;

        protected override void ProcessRecord()
        {
            foreach (string domain in Domain)
            {
                try
                {
                    var record = TlsRptRecord.Create(domain, Rua, ZoneName, TimeToLive);
                    if (VerboseWanted)
                    {
                        WriteVerbose($"{record.Fqdn}: publish exactly one TXT record '{record.Value}'; senders report TLS failures there (RFC 8460 §3).");
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
