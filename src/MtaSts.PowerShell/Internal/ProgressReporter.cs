using System;
using System.Diagnostics;
using System.Management.Automation;
using MtaSts.PowerShell.Resources;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// One progress bar for a cmdlet's long work: at most five updates a second (each costs the host a redraw), and a
    /// Completed record at the end once the bar was shown.
    /// </summary>
    internal sealed class ProgressReporter
    {
        private const int IntervalMilliseconds = 200;

        private readonly Cmdlet cmdlet;
        private readonly string activity;
        private readonly Stopwatch sinceLast = Stopwatch.StartNew();
        private bool shown;

        public ProgressReporter(Cmdlet cmdlet, string activity)
        {
            this.cmdlet = cmdlet;
            this.activity = activity;
        }

        /// <summary>
        /// Shows the status unless the bar was updated less than 200 ms ago. The status is built only when it is shown:
        /// the callers report once per domain or file, and most reports are skipped.
        /// </summary>
        public void Report(Func<string> status, string? currentOperation = null, int percentComplete = -1)
        {
            if (sinceLast.ElapsedMilliseconds < IntervalMilliseconds)
            {
                return;
            }

            sinceLast.Restart();
            shown = true;
            cmdlet.WriteProgress(new ProgressRecord(1, activity, status()) { CurrentOperation = currentOperation, PercentComplete = percentComplete });
        }

        /// <summary>Removes the bar, if it was shown.</summary>
        public void Complete()
        {
            if (shown)
            {
                cmdlet.WriteProgress(new ProgressRecord(1, activity, Messages.Get("ReportProgressDone")) { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
