using System;
using System.Linq;
using System.Management.Automation;
using MtaSts.PowerShell.Internal;
using MtaSts.PowerShell.Resources;
using MtaSts.Diagnostics;
using MtaSts.Records;
using MtaSts.TlsRpt;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// Get-TlsRptSummary: totals per policy domain over the reports piped in, within a period (the last -Days, or
    /// -Since/-Until), with failures by result type (each with its fix), by receiving MX host, by sending MTA and by
    /// reporter, and a plain verdict on whether switching from testing to enforce is safe (RFC 8461 §5, RFC 8460 §4.3),
    /// which needs a minimum of evidence and names what is missing.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TlsRptSummary", DefaultParameterSetName = DaysSet, HelpUri = HelpPages + "Get-TlsRptSummary.md")]
    [OutputType(typeof(TlsRptSummary), typeof(TlsRptDay))]
    public sealed class GetTlsRptSummaryCommand : MtaStsCmdlet
    {
        private const string DaysSet = "Days";
        private const string RangeSet = "Range";

        private TlsRptSummarizer? summarizer;
        private int received;
        private int counted;

        /// <summary>Reports from Import-TlsRptReport.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public TlsRptReport[] InputObject { get; set; } = Array.Empty<TlsRptReport>();

        /// <summary>The period: the last this many days up to now; default 14, about the time testing mode usually runs.</summary>
        [Parameter(ParameterSetName = DaysSet)]
        [ValidateRange(1, 3660)]
        public int Days { get; set; } = 14;

        /// <summary>The start of the period.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RangeSet)]
        public DateTimeOffset Since { get; set; }

        /// <summary>The end of the period; default now.</summary>
        [Parameter(ParameterSetName = RangeSet)]
        public DateTimeOffset? Until { get; set; }

        /// <summary>Only these policy domains, one summary each, in this order; a domain without reports gets a "no data" summary.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[]? PolicyDomain { get; set; }

        /// <summary>Instead of summaries, one flat row per policy domain, UTC day and reporter, for Export-Csv or a chart.</summary>
        [Parameter]
        public SwitchParameter Daily { get; set; }

        /// <summary>Distinct reporting organisations a "ready" verdict needs; default 2 (one sees only its own traffic).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MinimumReporters { get; set; } = TlsRptEvidence.Default.MinimumReporters;

        /// <summary>Distinct days the reports must cover (at most the period's days); default 7, a week's pattern.</summary>
        [Parameter]
        [ValidateRange(1, 3660)]
        public int MinimumDays { get; set; } = TlsRptEvidence.Default.MinimumDays;

        /// <summary>Sessions a "ready" verdict needs; default 100.</summary>
        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MinimumSessions { get; set; } = TlsRptEvidence.Default.MinimumSessions;

        /// <summary>Days at the end of the period that may pass without a report; default 3 (reporters send daily).</summary>
        [Parameter]
        [ValidateRange(0, 3660)]
        public int MaximumQuietDays { get; set; } = TlsRptEvidence.Default.MaximumQuietDays;

        protected override void BeginProcessing()
        {
            var now = Clock.System.UtcNow;
            var from = ParameterSetName == RangeSet ? Since : now.AddDays(-Days);
            var to = ParameterSetName == RangeSet ? Until ?? now : now;
            if (to <= from)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(Messages.Format("SummaryPeriodEmpty", from, to)),
                    "TlsRptPeriodEmpty", ErrorCategory.InvalidArgument, to));
            }

            summarizer = new TlsRptSummarizer(from, to, new TlsRptEvidence(MinimumReporters, MinimumDays, MinimumSessions, MaximumQuietDays));
        }

        protected override void ProcessRecord()
        {
            foreach (var report in InputObject)
            {
                received++;
                int duplicates = summarizer!.DuplicatesDropped;
                if (summarizer.Add(report))
                {
                    counted++;
                }
                else if (summarizer.DuplicatesDropped > duplicates && VerboseWanted)
                {
                    WriteVerbose(Messages.Format("SummaryDuplicateDropped", report.ReportId, report.OrganizationName, report.Source));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (VerboseWanted)
            {
                WriteVerbose(Messages.Format("SummaryReportsCounted", counted, received, summarizer!.From, summarizer.To));
            }

            if (Daily)
            {
                WriteObject(summarizer!.Days().Where(d => PolicyDomain == null || PolicyDomain.Any(d.IsFor)), true);
                return;
            }

            var summaries = summarizer!.Build();
            if (PolicyDomain == null)
            {
                WriteObject(summaries, true);
                return;
            }

            var written = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string requested in PolicyDomain)
            {
                TlsRptSummary summary;
                try
                {
                    summary = summaries.FirstOrDefault(s => s.IsFor(requested)) ?? TlsRptSummary.NoData(requested, summarizer.From, summarizer.To, summarizer.Evidence);
                }
                catch (MtaStsFormatException ex)
                {
                    WriteFinding(ex, ErrorCategory.InvalidArgument, requested);
                    continue;
                }

                if (written.Add(summary.PolicyDomain))
                {
                    WriteObject(summary);
                }
            }
        }
    }
}
