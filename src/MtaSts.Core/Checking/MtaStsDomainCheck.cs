using System.Collections.Generic;
using System.Linq;
using System;
using MtaSts.Diagnostics;
using MtaSts.Policy;
using MtaSts.Records;

namespace MtaSts.Checking
{
    /// <summary>The result of checking one domain's live MTA-STS deployment as a sending server would.</summary>
    public sealed class MtaStsDomainCheck
    {
        internal MtaStsDomainCheck(string domain, IReadOnlyList<Finding> findings, bool incomplete)
        {
            Domain = domain;
            Findings = findings;
            ErrorCount = findings.Count(f => f.Severity == Severity.Error);
            WarningCount = findings.Count(f => f.Severity == Severity.Warning);
            Status = ErrorCount > 0 ? CheckStatus.Fail : incomplete ? CheckStatus.Unknown : WarningCount > 0 ? CheckStatus.Warn : CheckStatus.Pass;
        }

        public string Domain { get; }

        public CheckStatus Status { get; }

        public PolicyMode? Mode => Policy?.Mode;

        public string? Id => TxtRecord?.Id;

        public MtaStsTxtRecord? TxtRecord { get; internal set; }

        public MtaStsPolicy? Policy { get; internal set; }

        public PolicyFetchResult? PolicyFetch { get; internal set; }

        /// <summary>The certificate the policy host presented, when the fetch got that far.</summary>
        public CertificateReport? PolicyCertificate => PolicyFetch?.Certificate;

        public IReadOnlyList<MxCoverage> MxHosts { get; internal set; } = Array.Empty<MxCoverage>();

        public TlsRptRecord? TlsRptRecord { get; internal set; }

        public IReadOnlyList<SmtpProbeResult> Smtp { get; internal set; } = Array.Empty<SmtpProbeResult>();

        public IReadOnlyList<Finding> Findings { get; }

        public int ErrorCount { get; }

        public int WarningCount { get; }

        public DateTimeOffset CheckedAt { get; internal set; }

        public TimeSpan Duration { get; internal set; }

        /// <summary>What the check did, step by step, for -Verbose.</summary>
        public IReadOnlyList<string> Log { get; internal set; } = Array.Empty<string>();

        public override string ToString() => $"{Domain}: {Status}";
    }
}
