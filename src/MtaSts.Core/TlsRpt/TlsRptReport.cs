using System;
using System.Collections.Generic;

namespace MtaSts.TlsRpt
{
    /// <summary>One TLS-RPT report (RFC 8460 §4.4): who reported, for which day, and what happened per policy.</summary>
    public sealed class TlsRptReport
    {
        internal TlsRptReport(string? organizationName, string? reportId, DateTimeOffset startDatetime, DateTimeOffset endDatetime,
            IReadOnlyList<string> contactInfo, IReadOnlyList<TlsRptPolicyResult> policies, string? source)
        {
            OrganizationName = organizationName;
            ReportId = reportId;
            StartDatetime = startDatetime;
            EndDatetime = endDatetime;
            ContactInfo = contactInfo;
            Policies = policies;
            Source = source;
        }

        public string? OrganizationName { get; }

        public string? ReportId { get; }

        public DateTimeOffset StartDatetime { get; }

        public DateTimeOffset EndDatetime { get; }

        /// <summary>Contact addresses; reports carry a string or (as parsedmarc expects) an array.</summary>
        public IReadOnlyList<string> ContactInfo { get; }

        public IReadOnlyList<TlsRptPolicyResult> Policies { get; }

        /// <summary>The file the report came from, when it came from one.</summary>
        public string? Source { get; }
    }

    /// <summary>The results for one policy in a report (RFC 8460 §4.4 "policies" item).</summary>
    public sealed class TlsRptPolicyResult
    {
        internal TlsRptPolicyResult(string policyType, string? policyDomain, IReadOnlyList<string> policyStrings, IReadOnlyList<string> mxHosts,
            long successfulSessionCount, long failureSessionCount, IReadOnlyList<TlsRptFailureDetail> failureDetails)
        {
            PolicyType = policyType;
            PolicyDomain = policyDomain;
            PolicyStrings = policyStrings;
            MxHosts = mxHosts;
            SuccessfulSessionCount = successfulSessionCount;
            FailureSessionCount = failureSessionCount;
            FailureDetails = failureDetails;
        }

        /// <summary><c>sts</c>, <c>tlsa</c> or <c>no-policy-found</c> (RFC 8460 §4.4).</summary>
        public string PolicyType { get; }

        public string? PolicyDomain { get; }

        /// <summary>For sts, the policy's lines; for tlsa, the TLSA records.</summary>
        public IReadOnlyList<string> PolicyStrings { get; }

        /// <summary>The policy's mx patterns; reports carry a string or an array.</summary>
        public IReadOnlyList<string> MxHosts { get; }

        public long SuccessfulSessionCount { get; }

        public long FailureSessionCount { get; }

        public IReadOnlyList<TlsRptFailureDetail> FailureDetails { get; }
    }

    /// <summary>One kind of failure seen for a policy (RFC 8460 §4.4 "failure-details" item).</summary>
    public sealed class TlsRptFailureDetail
    {
        internal TlsRptFailureDetail(string resultType, string? sendingMtaIp, string? receivingMxHostname, string? receivingMxHelo,
            string? receivingIp, long failedSessionCount, string? additionalInformation, string? failureReasonCode)
        {
            ResultType = resultType;
            SendingMtaIp = sendingMtaIp;
            ReceivingMxHostname = receivingMxHostname;
            ReceivingMxHelo = receivingMxHelo;
            ReceivingIp = receivingIp;
            FailedSessionCount = failedSessionCount;
            AdditionalInformation = additionalInformation;
            FailureReasonCode = failureReasonCode;
        }

        /// <summary>The result type (RFC 8460 §4.3); values outside the registry are kept as they are.</summary>
        public string ResultType { get; }

        public string? SendingMtaIp { get; }

        public string? ReceivingMxHostname { get; }

        public string? ReceivingMxHelo { get; }

        public string? ReceivingIp { get; }

        public long FailedSessionCount { get; }

        public string? AdditionalInformation { get; }

        public string? FailureReasonCode { get; }
    }
}
