using System;
using System.Globalization;
using System.Reflection;
using System.Resources;

namespace MtaSts.Resources
{
    /// <summary>
    /// The user-facing messages of one assembly, looked up by key in the current UI culture (en-US is built in,
    /// pt-BR ships as a satellite assembly) and formatted in the current culture.
    /// </summary>
    public sealed class MessageCatalog
    {
        private readonly ResourceManager resources;

        public MessageCatalog(string baseName, Assembly assembly)
        {
            resources = new ResourceManager(baseName, assembly ?? throw new ArgumentNullException(nameof(assembly)));
        }

        /// <summary>The message with this key, in the current UI culture.</summary>
        public string Get(string key) => Get(key, CultureInfo.CurrentUICulture);

        /// <summary>The message with this key, in <paramref name="uiCulture"/>.</summary>
        public string Get(string key, CultureInfo uiCulture) =>
            resources.GetString(key, uiCulture) ?? throw new MissingManifestResourceException($"The message '{key}' is missing from the resources.");

        /// <summary>The message with this key, in the current UI culture, or null for a key the resources do not have.</summary>
        public string? TryGet(string key) => resources.GetString(key);

        /// <summary>
        /// The message with this key with its {0}, {1}… placeholders filled in. Every text argument goes through
        /// <see cref="Syntax.DisplayText"/> (and is cut at 1,000 characters), so no message carries a control character
        /// from outside, whichever path the value took.
        /// </summary>
        public string Format(string key, params object?[] args) => Format(key, args, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

        /// <summary>The same, in the cultures given rather than the current ones.</summary>
        public string Format(string key, object?[] args, CultureInfo culture, CultureInfo uiCulture)
        {
            var shown = new object?[args.Length];
            for (int i = 0; i < args.Length; i++)
            {
                object? arg = args[i];
                shown[i] = arg == null || arg is IFormattable ? arg : Syntax.DisplayText.Escape(arg.ToString() ?? string.Empty, MaxArgumentLength);
            }

            return string.Format(culture, Get(key, uiCulture), shown);
        }

        private const int MaxArgumentLength = 1000;
    }
}
