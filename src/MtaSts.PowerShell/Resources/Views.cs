using MtaSts.Resources;

namespace MtaSts.PowerShell.Resources
{
    /// <summary>The words of the format views (Resources/Views*.restext), reached through the public ViewText.</summary>
    internal static class Views
    {
        private static readonly MessageCatalog Catalog = new MessageCatalog("MtaSts.PowerShell.Resources.Views", typeof(Views).Assembly);

        public static string Get(string key) => Catalog.Get(key);

        public static string Format(string key, params object?[] args) => Catalog.Format(key, args);
    }
}
