namespace MtaSts.Checking
{
    /// <summary>One MX host of the domain and the policy pattern that covers it, if any (RFC 8461 §4.1).</summary>
    /// <param name="Host">The MX host name.</param>
    /// <param name="Preference">The MX preference.</param>
    /// <param name="CoveredBy">The mx pattern that matches the host, or null.</param>
    /// <param name="Suggestion">For an uncovered host, the mx line that would cover it.</param>
    public sealed record MxCoverage(string Host, int Preference, string? CoveredBy, string? Suggestion)
    {
        public bool Covered => CoveredBy != null;

        public override string ToString() => Host + (Covered ? " (" + CoveredBy + ")" : " (not covered)");
    }
}
