namespace MtaSts.Policy
{
    /// <summary>RFC 8461 §5: what a sender does when an MX fails validation.</summary>
    public enum PolicyMode
    {
        /// <summary>Act as if there were no policy; used to remove MTA-STS cleanly (§8.3).</summary>
        None,

        /// <summary>Deliver anyway, and report failures over TLS-RPT.</summary>
        Testing,

        /// <summary>Do not deliver to an MX that fails validation.</summary>
        Enforce,
    }
}
