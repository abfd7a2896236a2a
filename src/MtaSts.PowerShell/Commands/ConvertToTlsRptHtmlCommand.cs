using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using MtaSts.PowerShell.Internal;
using MtaSts.Records;
using MtaSts.TlsRpt;

namespace MtaSts.PowerShell.Commands
{
    /// <summary>
    /// ConvertTo-TlsRptHtml: turns the summaries of Get-TlsRptSummary into one self-contained HTML page (inline CSS and
    /// SVG, nothing fetched) with, per policy domain, the verdict and what it lacks, daily charts, failures by result
    /// type, MX host and sending MTA, and the reporters, in the UI culture's language and number format.
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "TlsRptHtml", HelpUri = HelpPages + "ConvertTo-TlsRptHtml.md")]
    [OutputType(typeof(string))]
    public sealed class ConvertToTlsRptHtmlCommand : MtaStsCmdlet
    {
        private readonly List<TlsRptSummary> summaries = new List<TlsRptSummary>();

        /// <summary>Summaries from Get-TlsRptSummary.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public TlsRptSummary[] InputObject { get; set; } = Array.Empty<TlsRptSummary>();

        protected override void ProcessRecord() => summaries.AddRange(InputObject);

        protected override void EndProcessing() =>
            WriteObject(TlsRptHtmlReport.Render(summaries, Clock.System.UtcNow, CultureInfo.CurrentUICulture));
    }
}
