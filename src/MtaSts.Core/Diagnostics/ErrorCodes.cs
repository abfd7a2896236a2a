namespace MtaSts.Diagnostics
{
    /// <summary>The stable codes of findings; each is also a PowerShell FullyQualifiedErrorId.</summary>
    public static class ErrorCodes
    {
        public const string DomainInvalid = "MtaStsDomainInvalid";
        public const string MxPatternInvalid = "MtaStsMxPatternInvalid";
        public const string MxRequired = "MtaStsMxRequired";
        public const string MxNotInPolicy = "MtaStsMxNotInPolicy";
        public const string WebConfigPathInvalid = "MtaStsWebConfigPathInvalid";
        public const string MaxAgeOutOfRange = "MtaStsMaxAgeOutOfRange";
        public const string PolicyTooLarge = "MtaStsPolicyTooLarge";
        public const string PolicySyntax = "MtaStsPolicySyntaxInvalid";
        public const string PolicyFieldInvalid = "MtaStsPolicyFieldInvalid";
        public const string PolicyFieldMissing = "MtaStsPolicyFieldMissing";
        public const string PolicyEncoding = "MtaStsPolicyEncodingInvalid";
        public const string IdInvalid = "MtaStsIdInvalid";
        public const string TxtRecordSyntax = "MtaStsTxtRecordSyntaxInvalid";
        public const string TimeToLiveInvalid = "MtaStsTimeToLiveInvalid";
        public const string ZoneMismatch = "MtaStsZoneMismatch";
        public const string TxtRecordCount = "MtaStsTxtRecordCount";
        public const string TlsRptSyntax = "TlsRptRecordSyntaxInvalid";
        public const string TlsRptRuaInvalid = "TlsRptRuaInvalid";
        public const string TlsRptReportInvalid = "TlsRptReportInvalid";
        public const string TlsRptReportTooLarge = "TlsRptReportTooLarge";
        public const string TlsRptRecordTooLarge = "TlsRptRecordTooLarge";

        // The live check (RFC 8461 §3, §4, §7).
        public const string DnsLookupFailed = "MtaStsDnsLookupFailed";
        public const string TxtRecordMissing = "MtaStsTxtRecordMissing";
        public const string PolicyHostMissing = "MtaStsPolicyHostMissing";
        public const string PolicyHostUnreachable = "MtaStsPolicyHostUnreachable";
        public const string PolicyTlsFailed = "MtaStsPolicyTlsFailed";
        public const string TlsVersionTooOld = "MtaStsTlsVersionTooOld";
        public const string CertificateExpired = "MtaStsCertificateExpired";
        public const string CertificateNotYetValid = "MtaStsCertificateNotYetValid";
        public const string CertificateSelfSigned = "MtaStsCertificateSelfSigned";
        public const string CertificateChainIncomplete = "MtaStsCertificateChainIncomplete";
        public const string CertificateUntrusted = "MtaStsCertificateUntrusted";
        public const string CertificateNameMismatch = "MtaStsCertificateNameMismatch";
        public const string CertificateNoDnsName = "MtaStsCertificateNoDnsName";
        public const string PolicyTimeout = "MtaStsPolicyTimeout";
        public const string PolicyHttpStatus = "MtaStsPolicyHttpStatus";
        public const string PolicyRedirect = "MtaStsPolicyRedirect";
        public const string PolicyContentType = "MtaStsPolicyContentType";
        public const string PolicyHttpInvalid = "MtaStsPolicyHttpInvalid";
        public const string MxNotCovered = "MtaStsMxNotCovered";
        public const string MxLookupEmpty = "MtaStsMxNone";
        public const string SmtpNoStartTls = "MtaStsSmtpNoStartTls";
        public const string SmtpTlsFailed = "MtaStsSmtpTlsFailed";
        public const string SmtpProtocol = "MtaStsSmtpProtocol";
        public const string SmtpRequiresSni = "MtaStsSmtpRequiresSni";

        // DANE for the MX hosts (RFC 7672), where it applies instead of MTA-STS (RFC 8461 §2).
        public const string DaneTlsaMismatch = "MtaStsDaneTlsaMismatch";
        public const string DaneTlsaUnsigned = "MtaStsDaneTlsaUnsigned";
        public const string DaneTlsaUnusable = "MtaStsDaneTlsaUnusable";
        public const string DaneLookupFailed = "MtaStsDaneLookupFailed";
        public const string DaneInUse = "MtaStsDaneInUse";

        // Warnings.
        public const string DuplicateField = "MtaStsDuplicateField";
        public const string DuplicateMx = "MtaStsDuplicateMx";
        public const string VersionNotFirst = "MtaStsVersionNotFirst";
        public const string MaxAgeLeadingZeros = "MtaStsMaxAgeLeadingZeros";
        public const string MaxAgeShort = "MtaStsMaxAgeShort";
        public const string NoneWithoutMx = "MtaStsNoneWithoutMx";
        public const string MxLooksLikeIp = "MtaStsMxLooksLikeIpAddress";
        public const string MxSingleLabel = "MtaStsMxSingleLabel";
        public const string MxBroadWildcard = "MtaStsMxBroadWildcard";
        public const string PolicyLarge = "MtaStsPolicyLarge";
        public const string UnknownField = "MtaStsUnknownField";
        public const string TxtSpaceBeforeDelimiter = "MtaStsTxtSpaceBeforeDelimiter";
        public const string TxtUnrelatedRecord = "MtaStsTxtUnrelatedRecord";
        public const string TlsRptRepeatedRua = "TlsRptRepeatedRua";
        public const string TlsRptRuaHeaderFields = "TlsRptRuaHeaderFields";
        public const string TlsRptRecordLarge = "TlsRptRecordLarge";
        public const string CertificateExpiresSoon = "MtaStsCertificateExpiresSoon";
        public const string CertificatePartialWildcard = "MtaStsCertificatePartialWildcard";
        public const string PolicyAddressUnreachable = "MtaStsPolicyAddressUnreachable";
        public const string PolicySlow = "MtaStsPolicySlow";
        public const string PolicyCharset = "MtaStsPolicyCharset";
        public const string MxPatternUnused = "MtaStsMxPatternUnused";
        public const string NullMx = "MtaStsNullMx";
        public const string TlsRptRecordMissing = "TlsRptRecordMissing";
        public const string TlsRptRecordInvalid = "TlsRptRecordInvalid";
        public const string IdNotChanged = "MtaStsIdNotChanged";
        public const string SmtpNotTested = "MtaStsSmtpNotTested";
        public const string ModeTesting = "MtaStsModeTesting";
        public const string TxtTtlLong = "MtaStsTxtTtlLong";
        public const string TxtRecordMisplaced = "MtaStsTxtRecordMisplaced";
        public const string PolicyMisplaced = "MtaStsPolicyMisplaced";
        public const string PolicyRowsDisagree = "MtaStsPolicyRowsDisagree";
    }
}
