using System.Globalization;

namespace MtaSts.Resources
{
    /// <summary>
    /// A catalog message not yet put together: its key, its arguments and the cultures of the moment it was asked for.
    /// Parsers raise warnings on valid input that is only read when someone looks (most bulk callers never do), so
    /// the lookup and formatting wait for the first read, and give the same text they would have given at once.
    /// </summary>
    internal sealed class DeferredMessage
    {
        private readonly MessageCatalog catalog;
        private readonly string key;
        private readonly object?[] args;
        private readonly CultureInfo culture;
        private readonly CultureInfo uiCulture;
        private string? text;

        public DeferredMessage(MessageCatalog catalog, string key, object?[] args)
        {
            this.catalog = catalog;
            this.key = key;
            this.args = args;
            culture = CultureInfo.CurrentCulture;
            uiCulture = CultureInfo.CurrentUICulture;
        }

        /// <summary>The message; one without arguments is taken as written, as <see cref="Messages.Get"/> gives it.</summary>
        public string Text => text ??= args.Length == 0 ? catalog.Get(key, uiCulture) : catalog.Format(key, args, culture, uiCulture);
    }
}
