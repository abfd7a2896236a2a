using MtaSts.Policy;

namespace MtaSts.PowerShell.Internal
{
    /// <summary>
    /// -Mx of New-MtaStsPolicy: names, MX records from Resolve-DnsName (NameExchange) and DnsClient (Exchange), rows
    /// with an Mx column, policies (their Mx list) and the MxPattern values of one.
    /// </summary>
    public sealed class MxTextAttribute : PipelineTextAttribute
    {
        public MxTextAttribute()
            : base("Mx", "Mx", "NameExchange", "Exchange", "MxHost")
        {
        }

        private protected override string? Known(object value) => value is MxPattern pattern ? pattern.Value : null;
    }
}
