using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MtaSts.Resources;
using MtaSts.Syntax;

namespace MtaSts.TlsRpt
{
    /// <summary>Failed sessions of one kind (a result type, or a receiving MX host) over a period.</summary>
    /// <param name="Name">The result type or the MX host.</param>
    /// <param name="Sessions">How many sessions failed.</param>
    /// <param name="ResultTypes">For an MX host, the result types seen for it.</param>
    public sealed record TlsRptCount(string Name, long Sessions, IReadOnlyList<string> ResultTypes)
    {
        /// <summary>For a result type, what to do about it (RFC 8460 §4.3); null for other rows and unregistered types.</summary>
        public string? Fix { get; init; }

        public override string ToString() => ResultTypes.Count == 0 ? $"{Name} ({Sessions})" : $"{Name} ({Sessions}: {string.Join(", ", ResultTypes)})";
    }

    /// <summary>
    /// TLS-RPT results for one policy domain over a period: totals, failures by result type and by receiving
    /// MX host, and the answer to the question asked at the end of testing mode (RFC 8461 §5, RFC 8460 §4.3):
    /// did anything fail that would have been refused under enforce, and where?
    /// </summary>
    /// <param name="PolicyDomain">The policy domain the reports are about.</param>
    /// <param name="From">The start of the period asked for.</param>
    /// <param name="To">The end of the period asked for.</param>
    /// <param name="ReportCount">How many reports overlap the period.</param>
    /// <param name="Reporters">The organizations that sent them.</param>
    /// <param name="SuccessfulSessions">Sessions that negotiated TLS.</param>
    /// <param name="FailedSessions">Sessions that failed.</param>
    /// <param name="StsFailedSessions">Failures under an MTA-STS policy, or of an sts-* result type: sessions enforce mode would have refused.</param>
    /// <param name="ByResultType">Failures by result type.</param>
    /// <param name="ByMxHost">Failures by receiving MX host.</param>
    /// <param name="StsFailingMxHosts">The receiving MX hosts behind StsFailedSessions, most failures first.</param>
    public sealed record TlsRptSummary(string PolicyDomain, DateTimeOffset From, DateTimeOffset To, int ReportCount, IReadOnlyList<string> Reporters,
        long SuccessfulSessions, long FailedSessions, long StsFailedSessions, IReadOnlyList<TlsRptCount> ByResultType,
        IReadOnlyList<TlsRptCount> ByMxHost, IReadOnlyList<TlsRptCount> StsFailingMxHosts)
    {
        /// <summary>Whether this summary is for <paramref name="domain"/>, compared as DNS names: case, a final dot and U-label or A-label form do not matter.</summary>
        public bool IsFor(string domain) => Comparable(domain) == Comparable(PolicyDomain);

        /// <summary>Failed sessions over total sessions (0 when there were none).</summary>
        public double FailureRate => SuccessfulSessions + (double)FailedSessions == 0 ? 0 : FailedSessions / ((double)SuccessfulSessions + FailedSessions);

        /// <summary>A name as domains are compared: A-labels, lowercase, no final dot; a name that is not a domain as it is, lowercased.</summary>
        internal static string Comparable(string name) =>
            DomainNameInput.TryNormalize(name.TrimEnd('.'), out string normalized) == null ? normalized : name.TrimEnd('.').ToLowerInvariant();

        /// <summary>Distinct UTC days of the period the reports cover.</summary>
        public int DaysCovered { get; init; }

        /// <summary>The end of the latest report within the period, if any.</summary>
        public DateTimeOffset? LastReportEnd { get; init; }

        /// <summary>Failures by reporting organisation (RFC 8460 §4.4 organization-name).</summary>
        public IReadOnlyList<TlsRptCount> ByReporter { get; init; } = Array.Empty<TlsRptCount>();

        /// <summary>Failures by sending MTA (RFC 8460 §4.4 sending-mta-ip).</summary>
        public IReadOnlyList<TlsRptCount> BySendingMta { get; init; } = Array.Empty<TlsRptCount>();

        /// <summary>The domain's rows per UTC day and reporter (<see cref="TlsRptDay"/>), in day order: the series a chart draws.</summary>
        public IReadOnlyList<TlsRptDay> Daily { get; init; } = Array.Empty<TlsRptDay>();

        /// <summary>The least evidence the verdict asks for.</summary>
        public TlsRptEvidence Evidence { get; init; } = TlsRptEvidence.Default;

        /// <summary>Whole days in the period, counting a part of a day as one.</summary>
        public int PeriodDays => (int)Math.Max(1, Math.Ceiling((To - From).TotalDays));

        /// <summary>Successful and failed sessions together, stopping at long.MaxValue.</summary>
        public long Sessions => Accumulator.Sum(SuccessfulSessions, FailedSessions);

        /// <summary>What the evidence lacks before a "ready" verdict, each in words ("only one reporter … in 14 days"); empty when enough.</summary>
        public IReadOnlyList<string> Missing
        {
            get
            {
                var missing = new List<string>();
                if (ReportCount == 0)
                {
                    return missing;
                }

                if (Reporters.Count < Evidence.MinimumReporters)
                {
                    missing.Add(Reporters.Count == 1
                        ? Messages.Format("EvidenceOneReporter", Reporters[0], PeriodDays, Evidence.MinimumReporters)
                        : Messages.Format("EvidenceFewReporters", Reporters.Count, PeriodDays, Evidence.MinimumReporters));
                }

                int days = Math.Min(Evidence.MinimumDays, PeriodDays);
                if (DaysCovered < days)
                {
                    missing.Add(Messages.Format("EvidenceFewDays", DaysCovered, PeriodDays, days));
                }

                if (Sessions < Evidence.MinimumSessions)
                {
                    missing.Add(Messages.Format("EvidenceFewSessions", Sessions, Evidence.MinimumSessions));
                }

                if (LastReportEnd is DateTimeOffset last && (To - last).TotalDays > Evidence.MaximumQuietDays)
                {
                    missing.Add(Messages.Format("EvidenceQuiet", (int)Math.Floor((To - last).TotalDays), last.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                }

                return missing;
            }
        }

        /// <summary>True when enough reports arrived (see <see cref="Evidence"/>) and none shows an MTA-STS failure in the period.</summary>
        public bool ReadyForEnforce => ReportCount > 0 && StsFailedSessions == 0 && Missing.Count == 0;

        /// <summary>The plain answer, with the hosts to fix when there is something to fix.</summary>
        public string Verdict
        {
            get
            {
                string from = From.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                string to = To.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (ReportCount == 0)
                {
                    return Messages.Format("SummaryNoReports", PolicyDomain, from, to);
                }

                if (StsFailedSessions == 0)
                {
                    var missing = Missing;
                    return missing.Count == 0
                        ? Messages.Format("SummaryReady", PolicyDomain, from, to, ReportCount, Reporters.Count)
                        : Messages.Format("SummaryThin", PolicyDomain, from, to, string.Join("; ", missing));
                }

                return Messages.Format("SummaryFailures", StsFailedSessions, PolicyDomain, from, to, string.Join("; ", StsFailingMxHosts));
            }
        }

        /// <summary>
        /// The summary of a policy domain no report in the period was about: no data, never ready, and a verdict that
        /// says to check the TLS-RPT record (RFC 8460 §3) rather than silence. Throws <see cref="Diagnostics.MtaStsFormatException"/>
        /// for a name that is not a domain.
        /// </summary>
        public static TlsRptSummary NoData(string policyDomain, DateTimeOffset from, DateTimeOffset to, TlsRptEvidence? evidence = null) =>
            new TlsRptSummary(DomainNameInput.Normalize(policyDomain, Diagnostics.ErrorCodes.DomainInvalid, "DomainInvalidPolicyDomain", "RFC 8460 §4.4"), from, to, 0,
                Array.Empty<string>(), 0, 0, 0, Array.Empty<TlsRptCount>(), Array.Empty<TlsRptCount>(), Array.Empty<TlsRptCount>())
            {
                Evidence = evidence ?? TlsRptEvidence.Default,
            };

        /// <summary>Summarises <paramref name="reports"/> per policy domain over [from, to): a report counts when its date range overlaps the period.</summary>
        public static IReadOnlyList<TlsRptSummary> Summarize(IEnumerable<TlsRptReport> reports, DateTimeOffset from, DateTimeOffset to, TlsRptEvidence? evidence = null)
        {
            var summarizer = new TlsRptSummarizer(from, to, evidence);
            foreach (var report in reports ?? throw new ArgumentNullException(nameof(reports)))
            {
                summarizer.Add(report);
            }

            return summarizer.Build();
        }

        internal sealed class Accumulator
        {
            private readonly SortedSet<string> reporters = new SortedSet<string>(StringComparer.Ordinal);
            private readonly Dictionary<string, long> byResultType = new Dictionary<string, long>(StringComparer.Ordinal);
            private readonly Dictionary<string, (long Sessions, SortedSet<string> Types)> byMx = new Dictionary<string, (long, SortedSet<string>)>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, (long Sessions, SortedSet<string> Types)> stsByMx = new Dictionary<string, (long, SortedSet<string>)>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, (long Sessions, SortedSet<string> Types)> byReporter = new Dictionary<string, (long, SortedSet<string>)>(StringComparer.Ordinal);
            private readonly Dictionary<string, (long Sessions, SortedSet<string> Types)> bySendingMta = new Dictionary<string, (long, SortedSet<string>)>(StringComparer.OrdinalIgnoreCase);
            private readonly HashSet<DateTime> days = new HashSet<DateTime>();
            private DateTimeOffset? lastEnd;
            private TlsRptReport? lastReport;
            private int reportCount;
            private long successful;
            private long failed;
            private long stsFailed;

            /// <summary>Counts <paramref name="policy"/> of <paramref name="report"/>, whose dates are clipped to [<paramref name="from"/>, <paramref name="to"/>).</summary>
            public void Add(TlsRptReport report, TlsRptPolicyResult policy, DateTimeOffset from, DateTimeOffset to)
            {
                var start = report.StartDatetime > from ? report.StartDatetime : from;
                var end = report.EndDatetime < to ? report.EndDatetime : to;
                for (var day = start.UtcDateTime.Date; day < end.UtcDateTime; day = day.AddDays(1))
                {
                    days.Add(day);
                }

                lastEnd = lastEnd == null || end > lastEnd ? end : lastEnd;
                // A report's policies for one domain arrive one after another, and copies were dropped before.
                if (!ReferenceEquals(report, lastReport))
                {
                    lastReport = report;
                    reportCount++;
                }

                if (report.OrganizationName != null)
                {
                    reporters.Add(report.OrganizationName);
                }

                successful = Sum(successful, policy.SuccessfulSessionCount);
                failed = Sum(failed, policy.FailureSessionCount);
                foreach (var detail in policy.FailureDetails)
                {
                    byResultType[detail.ResultType] = Sum(byResultType.TryGetValue(detail.ResultType, out long n) ? n : 0, detail.FailedSessionCount);
                    string mx = detail.ReceivingMxHostname ?? "(no receiving-mx-hostname)";
                    AddTo(byMx, mx, detail);
                    AddTo(byReporter, report.OrganizationName ?? "(no organization-name)", detail);
                    AddTo(bySendingMta, detail.SendingMtaIp ?? "(no sending-mta-ip)", detail);
                    if (IsStsFailure(policy, detail))
                    {
                        stsFailed = Sum(stsFailed, detail.FailedSessionCount);
                        AddTo(stsByMx, mx, detail);
                    }
                }
            }

            /// <summary>A failure under an MTA-STS policy, or of an sts-* result type: a session enforce mode would have refused.</summary>
            internal static bool IsStsFailure(TlsRptPolicyResult policy, TlsRptFailureDetail detail) =>
                string.Equals(policy.PolicyType, "sts", StringComparison.OrdinalIgnoreCase) || detail.ResultType.StartsWith("sts-", StringComparison.OrdinalIgnoreCase);

            /// <summary>Adds two counts that are never negative, stopping at long.MaxValue: a sum never wraps round to look clean.</summary>
            internal static long Sum(long total, long count) => total > long.MaxValue - count ? long.MaxValue : total + count;

            public TlsRptSummary Build(string domain, DateTimeOffset from, DateTimeOffset to, TlsRptEvidence evidence) =>
                new TlsRptSummary(domain, from, to, reportCount, reporters.ToList(), successful, failed, stsFailed,
                    byResultType.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                        .Select(r => new TlsRptCount(r.Key, r.Value, Array.Empty<string>()) { Fix = ResultTypeFix.For(r.Key) }).ToList(),
                    Counts(byMx), Counts(stsByMx))
                {
                    DaysCovered = days.Count,
                    LastReportEnd = lastEnd,
                    ByReporter = Counts(byReporter),
                    BySendingMta = Counts(bySendingMta),
                    Evidence = evidence,
                };

            private static void AddTo(Dictionary<string, (long Sessions, SortedSet<string> Types)> counts, string mx, TlsRptFailureDetail detail)
            {
                if (!counts.TryGetValue(mx, out var entry))
                {
                    entry = (0, new SortedSet<string>(StringComparer.Ordinal));
                }

                entry.Types.Add(detail.ResultType);
                counts[mx] = (Sum(entry.Sessions, detail.FailedSessionCount), entry.Types);
            }

            private static List<TlsRptCount> Counts(Dictionary<string, (long Sessions, SortedSet<string> Types)> counts) =>
                counts.OrderByDescending(c => c.Value.Sessions).ThenBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(c => new TlsRptCount(c.Key, c.Value.Sessions, c.Value.Types.ToList())).ToList();
        }
    }

    /// <summary>Adds reports one at a time, keeping only running totals, so any number of reports can be summarised.</summary>
    public sealed class TlsRptSummarizer
    {
        private readonly ReportDeduplicator copies = new ReportDeduplicator();
        private readonly SortedDictionary<string, TlsRptSummary.Accumulator> domains = new SortedDictionary<string, TlsRptSummary.Accumulator>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<(string Domain, DateTime Day, string Reporter), TlsRptDay> days = new Dictionary<(string, DateTime, string), TlsRptDay>();

        public TlsRptSummarizer(DateTimeOffset from, DateTimeOffset to, TlsRptEvidence? evidence = null)
        {
            From = from;
            To = to;
            Evidence = evidence ?? TlsRptEvidence.Default;
        }

        /// <summary>The least evidence each summary's verdict asks for.</summary>
        public TlsRptEvidence Evidence { get; }

        public DateTimeOffset From { get; }

        public DateTimeOffset To { get; }

        /// <summary>How many reports were left out because the same report (organisation and report-id) was already counted.</summary>
        public int DuplicatesDropped => copies.Dropped;

        /// <summary>
        /// Counts the report when its date range overlaps the period and the same report was not counted before; returns
        /// whether it counted. One report often arrives twice (as .json and .json.gz, or in two mails): RFC 8460 §4.4
        /// makes report-id unique per reporting organisation, so that pair identifies it.
        /// </summary>
        public bool Add(TlsRptReport report)
        {
            if (report == null || report.EndDatetime <= From || report.StartDatetime >= To)
            {
                return false;
            }

            if (!copies.IsFirst(report))
            {
                return false;
            }

            foreach (var policy in report.Policies)
            {
                string domain = policy.PolicyDomain ?? "(no policy-domain)";
                if (!domains.TryGetValue(domain, out var accumulator))
                {
                    domains.Add(domain, accumulator = new TlsRptSummary.Accumulator());
                }

                accumulator.Add(report, policy, From, To);
                AddDay(domain, report, policy);
            }

            return true;
        }

        /// <summary>One row per policy domain, UTC day and reporter, in that order (see <see cref="TlsRptDay"/>).</summary>
        public IReadOnlyList<TlsRptDay> Days() =>
            days.Values.OrderBy(d => d.PolicyDomain, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Day).ThenBy(d => d.Reporter, StringComparer.Ordinal).ToList();

        private void AddDay(string domain, TlsRptReport report, TlsRptPolicyResult policy)
        {
            string reporter = report.OrganizationName ?? "(no organization-name)";
            var key = (domain.ToLowerInvariant(), report.StartDatetime.UtcDateTime.Date, reporter);
            if (!days.TryGetValue(key, out var day))
            {
                days.Add(key, day = new TlsRptDay(key.Item1, key.Item2, reporter));
            }

            day.Count(report);
            day.SuccessfulSessions = TlsRptSummary.Accumulator.Sum(day.SuccessfulSessions, policy.SuccessfulSessionCount);
            day.FailedSessions = TlsRptSummary.Accumulator.Sum(day.FailedSessions, policy.FailureSessionCount);
            foreach (var detail in policy.FailureDetails)
            {
                day.AddFailure(detail.ResultType, detail.FailedSessionCount);
                if (TlsRptSummary.Accumulator.IsStsFailure(policy, detail))
                {
                    day.StsFailedSessions = TlsRptSummary.Accumulator.Sum(day.StsFailedSessions, detail.FailedSessionCount);
                }
            }
        }

        /// <summary>One summary per policy domain seen, in name order.</summary>
        public IReadOnlyList<TlsRptSummary> Build()
        {
            var daily = Days().ToLookup(d => d.PolicyDomain, StringComparer.OrdinalIgnoreCase);
            return domains.Select(d => d.Value.Build(d.Key, From, To, Evidence) with { Daily = daily[d.Key].ToList() }).ToList();
        }
    }
}
