namespace MtaSts.Checking
{
    /// <summary>One MX host of the domain and the policy pattern that covers it, if any (RFC 8461 §4.1).</summary>
    public sealed class MxCoverage
    {
        internal MxCoverage(string host, int preference, string? coveredBy, string? suggestion)
        {
            Host = host;
            Preference = preference;
            CoveredBy = coveredBy;
            Suggestion = suggestion;
        }

        public string Host { get; }

        public int Preference { get; }

        /// <summary>The mx pattern that matches the host, or null.</summary>
        public string? CoveredBy { get; }

        public bool Covered => CoveredBy != null;

        /// <summary>For an uncovered host, the mx line that would cover it.</summary>
        public string? Suggestion { get; }

        public override string ToString() => Host + (Covered ? " (" + CoveredBy + ")" : " (not covered)");
    }
}
