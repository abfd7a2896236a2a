using System;
using System.Collections.Generic;

namespace MtaSts.TlsRpt
{
    /// <summary>
    /// One policy domain, one UTC day and one reporting organisation: the sessions its reports counted that day, with
    /// the failures by result type of the RFC 8460 §4.3 registry as columns. Every property is a scalar, so rows go
    /// straight to Export-Csv or ConvertTo-Json, and a chart over time is one row per point.
    /// </summary>
    public sealed class TlsRptDay
    {
        internal TlsRptDay(string policyDomain, DateTime day, string reporter)
        {
            PolicyDomain = policyDomain;
            Day = day;
            Reporter = reporter;
        }

        public string PolicyDomain { get; }

        /// <summary>Whether this row is for <paramref name="domain"/>, compared as DNS names like <see cref="TlsRptSummary.IsFor"/>.</summary>
        public bool IsFor(string domain) => TlsRptSummary.Comparable(domain) == TlsRptSummary.Comparable(PolicyDomain);

        /// <summary>The UTC day the reports start on (RFC 8460 §4.1: one report covers one day).</summary>
        public DateTime Day { get; }

        /// <summary>The reporting organisation (RFC 8460 §4.4 organization-name).</summary>
        public string Reporter { get; }

        public int ReportCount { get; private set; }

        public long SuccessfulSessions { get; internal set; }

        public long FailedSessions { get; internal set; }

        /// <summary>Failures under an sts policy or of an sts-* type: sessions enforce mode would have refused.</summary>
        public long StsFailedSessions { get; internal set; }

        public long StarttlsNotSupported { get; internal set; }

        public long CertificateHostMismatch { get; internal set; }

        public long CertificateExpired { get; internal set; }

        public long CertificateNotTrusted { get; internal set; }

        public long ValidationFailure { get; internal set; }

        public long TlsaInvalid { get; internal set; }

        public long DnssecInvalid { get; internal set; }

        public long DaneRequired { get; internal set; }

        public long StsPolicyFetchError { get; internal set; }

        public long StsPolicyInvalid { get; internal set; }

        public long StsWebpkiInvalid { get; internal set; }

        /// <summary>Failures of result types outside the registry.</summary>
        public long OtherFailures { get; internal set; }

        private TlsRptReport? lastReport;

        /// <summary>Counts <paramref name="report"/> once, however many of its policies are for this domain.</summary>
        internal void Count(TlsRptReport report)
        {
            if (!ReferenceEquals(report, lastReport))
            {
                lastReport = report;
                ReportCount++;
            }
        }

        /// <summary>Adds <paramref name="count"/> failed sessions of <paramref name="resultType"/> to its column; counts never wrap.</summary>
        internal void AddFailure(string resultType, long count)
        {
            switch (resultType.ToLowerInvariant())
            {
                case "starttls-not-supported": StarttlsNotSupported = TlsRptSummary.Accumulator.Sum(StarttlsNotSupported, count); break;
                case "certificate-host-mismatch": CertificateHostMismatch = TlsRptSummary.Accumulator.Sum(CertificateHostMismatch, count); break;
                case "certificate-expired": CertificateExpired = TlsRptSummary.Accumulator.Sum(CertificateExpired, count); break;
                case "certificate-not-trusted": CertificateNotTrusted = TlsRptSummary.Accumulator.Sum(CertificateNotTrusted, count); break;
                case "validation-failure": ValidationFailure = TlsRptSummary.Accumulator.Sum(ValidationFailure, count); break;
                case "tlsa-invalid": TlsaInvalid = TlsRptSummary.Accumulator.Sum(TlsaInvalid, count); break;
                case "dnssec-invalid": DnssecInvalid = TlsRptSummary.Accumulator.Sum(DnssecInvalid, count); break;
                case "dane-required": DaneRequired = TlsRptSummary.Accumulator.Sum(DaneRequired, count); break;
                case "sts-policy-fetch-error": StsPolicyFetchError = TlsRptSummary.Accumulator.Sum(StsPolicyFetchError, count); break;
                case "sts-policy-invalid": StsPolicyInvalid = TlsRptSummary.Accumulator.Sum(StsPolicyInvalid, count); break;
                case "sts-webpki-invalid": StsWebpkiInvalid = TlsRptSummary.Accumulator.Sum(StsWebpkiInvalid, count); break;
                default: OtherFailures = TlsRptSummary.Accumulator.Sum(OtherFailures, count); break;
            }
        }
    }
}
