using System;
using System.Collections.Generic;
using System.Linq;

namespace MtaSts.TlsRpt
{
    /// <summary>One TLS-RPT report (RFC 8460 §4.4): who reported, for which day, and what happened per policy.</summary>
    /// <param name="OrganizationName">The reporting organization.</param>
    /// <param name="ReportId">The report's unique id.</param>
    /// <param name="StartDatetime">The start of the period reported on.</param>
    /// <param name="EndDatetime">The end of the period reported on.</param>
    /// <param name="ContactInfo">Contact addresses; reports carry a string or (as parsedmarc expects) an array.</param>
    /// <param name="Policies">The results per policy.</param>
    /// <param name="Source">The file the report came from, when it came from one.</param>
    public sealed record TlsRptReport(string? OrganizationName, string? ReportId, DateTimeOffset StartDatetime, DateTimeOffset EndDatetime,
        IReadOnlyList<string> ContactInfo, IReadOnlyList<TlsRptPolicyResult> Policies, string? Source)
    {
        /// <summary>The policy domains the report covers, each once, in report order.</summary>
        public IReadOnlyList<string> PolicyDomains =>
            Policies.Select(p => p.PolicyDomain).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Successful sessions over all policies of the report; the sum stops at long.MaxValue rather than wrap.</summary>
        public long SuccessfulSessionCount => Policies.Aggregate(0L, (total, p) => TlsRptSummary.Accumulator.Sum(total, p.SuccessfulSessionCount));

        /// <summary>Failed sessions over all policies of the report; the sum stops at long.MaxValue rather than wrap.</summary>
        public long FailureSessionCount => Policies.Aggregate(0L, (total, p) => TlsRptSummary.Accumulator.Sum(total, p.FailureSessionCount));

        /// <summary>The result types of the report's failures (RFC 8460 §4.3), each once.</summary>
        public IReadOnlyList<string> ResultTypes =>
            Policies.SelectMany(p => p.FailureDetails).Select(d => d.ResultType).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The results for one policy in a report (RFC 8460 §4.4 "policies" item).</summary>
    /// <param name="PolicyType"><c>sts</c>, <c>tlsa</c> or <c>no-policy-found</c> (RFC 8460 §4.4).</param>
    /// <param name="PolicyDomain">The domain the policy is for.</param>
    /// <param name="PolicyStrings">For sts, the policy's lines; for tlsa, the TLSA records.</param>
    /// <param name="MxHosts">The policy's mx patterns; reports carry a string or an array.</param>
    /// <param name="SuccessfulSessionCount">Sessions that negotiated TLS under the policy.</param>
    /// <param name="FailureSessionCount">Sessions that failed.</param>
    /// <param name="FailureDetails">What failed, by kind.</param>
    public sealed record TlsRptPolicyResult(string PolicyType, string? PolicyDomain, IReadOnlyList<string> PolicyStrings, IReadOnlyList<string> MxHosts,
        long SuccessfulSessionCount, long FailureSessionCount, IReadOnlyList<TlsRptFailureDetail> FailureDetails);

    /// <summary>One kind of failure seen for a policy (RFC 8460 §4.4 "failure-details" item).</summary>
    /// <param name="ResultType">The result type (RFC 8460 §4.3); values outside the registry are kept as they are.</param>
    /// <param name="SendingMtaIp">The sending MTA's address.</param>
    /// <param name="ReceivingMxHostname">The MX host the sender tried.</param>
    /// <param name="ReceivingMxHelo">The name the MX gave in its greeting.</param>
    /// <param name="ReceivingIp">The MX address the sender tried.</param>
    /// <param name="FailedSessionCount">How many sessions failed this way.</param>
    /// <param name="AdditionalInformation">A URI with more about the failure.</param>
    /// <param name="FailureReasonCode">The sender's own code for the failure.</param>
    public sealed record TlsRptFailureDetail(string ResultType, string? SendingMtaIp, string? ReceivingMxHostname, string? ReceivingMxHelo,
        string? ReceivingIp, long FailedSessionCount, string? AdditionalInformation, string? FailureReasonCode);
}
