using System.Globalization;

namespace MtaSts.Resources
{
    /// <summary>The messages of MtaSts.Core (Resources/Messages*.restext).</summary>
    internal static class Messages
    {
        private static readonly MessageCatalog Catalog = new MessageCatalog("MtaSts.Resources.Messages", typeof(Messages).Assembly);

        public static string Get(string key) => Catalog.Get(key);

        public static string Format(string key, params object?[] args) => Catalog.Format(key, args);

        /// <summary>The message in <paramref name="culture"/>, its numbers and dates formatted there too.</summary>
        public static string Format(CultureInfo culture, string key, params object?[] args) => Catalog.Format(key, args, culture, culture);

        /// <summary>The message, put together only when it is first read.</summary>
        public static DeferredMessage Defer(string key, params object?[] args) => new DeferredMessage(Catalog, key, args);
    }
}
