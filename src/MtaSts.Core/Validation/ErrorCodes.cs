namespace MtaSts.Validation
{
    /// <summary>The stable codes of findings; each is also a PowerShell FullyQualifiedErrorId.</summary>
    public static class ErrorCodes
    {
        public const string DomainInvalid = "MtaStsDomainInvalid";
        public const string MxPatternInvalid = "MtaStsMxPatternInvalid";
        public const string MxRequired = "MtaStsMxRequired";
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
    }
}
