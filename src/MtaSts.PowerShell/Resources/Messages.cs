using MtaSts.Resources;

namespace MtaSts.PowerShell.Resources
{
    /// <summary>The messages of the cmdlets (Resources/Messages*.restext), and the other catalogs of the module.</summary>
    internal static class Messages
    {
        private static readonly MessageCatalog Catalog = new MessageCatalog("MtaSts.PowerShell.Resources.Messages", typeof(Messages).Assembly);

        /// <summary>The words of the format views (Resources/Views*.restext), reached through the public ViewText.</summary>
        public static readonly MessageCatalog Views = new MessageCatalog("MtaSts.PowerShell.Resources.Views", typeof(Messages).Assembly);

        /// <summary>The fix for each error id (Resources/Fixes*.restext), shown as RecommendedAction (ErrorFix).</summary>
        public static readonly MessageCatalog Fixes = new MessageCatalog("MtaSts.PowerShell.Resources.Fixes", typeof(Messages).Assembly);

        public static string Get(string key) => Catalog.Get(key);

        public static string Format(string key, params object?[] args) => Catalog.Format(key, args);
    }
}
