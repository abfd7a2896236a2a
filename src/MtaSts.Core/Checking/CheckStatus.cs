namespace MtaSts.Checking
{
    /// <summary>The overall verdict on a domain.</summary>
    public enum CheckStatus
    {
        /// <summary>Every check passed.</summary>
        Pass,

        /// <summary>Senders would use the policy, but something deserves attention.</summary>
        Warn,

        /// <summary>Senders would not use the policy as intended, or mail would be refused in enforce mode.</summary>
        Fail,

        /// <summary>A temporary DNS failure left the answer unknown; this is not "no policy".</summary>
        Unknown,
    }
}
