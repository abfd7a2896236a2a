using System;
using System.Collections.Generic;

namespace MtaSts.TlsRpt
{
    /// <summary>
    /// Tells the first copy of a report from later ones. One report often arrives twice (as .json and .json.gz, in two
    /// mails, or read again from the same mailbox); RFC 8460 §4.4 makes report-id unique per reporting organisation,
    /// so that pair identifies it. A report without a report-id cannot be matched and always counts. Only a 16-byte hash
    /// of each pair is kept.
    /// </summary>
    public sealed class ReportDeduplicator
    {
        private readonly HashSet<TextHash> seen = new HashSet<TextHash>();

        /// <summary>How many copies were seen after the first.</summary>
        public int Dropped { get; private set; }

        /// <summary>True for the first copy of a report; false (and counted in <see cref="Dropped"/>) for a later one.</summary>
        public bool IsFirst(TlsRptReport report)
        {
            TextHash? key = Key(report);
            if (key == null || seen.Add(key.Value))
            {
                return true;
            }

            Dropped++;
            return false;
        }

        /// <summary>What identifies a report: its organisation and report-id; null when it has no report-id.</summary>
        public static TextHash? Key(TlsRptReport report) =>
            report.ReportId == null ? null : TextHash.Of((report.OrganizationName ?? string.Empty) + "\n" + report.ReportId);
    }
}
