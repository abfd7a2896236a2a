namespace MtaSts.TlsRpt
{
    /// <summary>
    /// The least evidence a "ready for enforce" verdict needs besides the absence of MTA-STS failures (RFC 8461 §5: test
    /// until the reports show the policy would hold). The defaults: two reporting organisations, since one sees only its
    /// own traffic (many domains get mail mostly from Google or Microsoft, rarely both alike); seven distinct days, so a
    /// weekly pattern such as a backup MX used at night or a weekly mailer has had its chance; 100 sessions, enough for a
    /// failure of one session in a hundred to show once; and a report in the last three days, since reporters send daily
    /// (RFC 8460 §4.1) and a longer silence means reports stopped arriving, not that all is well.
    /// </summary>
    /// <param name="MinimumReporters">Distinct reporting organisations.</param>
    /// <param name="MinimumDays">Distinct UTC days the reports cover within the period (at most the period's days).</param>
    /// <param name="MinimumSessions">Sessions seen, successful and failed.</param>
    /// <param name="MaximumQuietDays">Days at the end of the period without any report.</param>
    public sealed record TlsRptEvidence(int MinimumReporters = 2, int MinimumDays = 7, long MinimumSessions = 100, int MaximumQuietDays = 3)
    {
        /// <summary>The defaults, explained above.</summary>
        public static TlsRptEvidence Default { get; } = new TlsRptEvidence();
    }
}
