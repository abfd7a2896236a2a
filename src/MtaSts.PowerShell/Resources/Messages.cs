using MtaSts.Resources;

namespace MtaSts.PowerShell.Resources
{
    /// <summary>The messages of the cmdlets (Resources/Messages*.restext).</summary>
    internal static class Messages
    {
        private static readonly MessageCatalog Catalog = new MessageCatalog("MtaSts.PowerShell.Resources.Messages", typeof(Messages).Assembly);

        public static string Get(string key) => Catalog.Get(key);

        public static string Format(string key, params object?[] args) => Catalog.Format(key, args);
    }
}
