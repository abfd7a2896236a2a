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
        public string Get(string key) =>
            resources.GetString(key) ?? throw new MissingManifestResourceException($"The message '{key}' is missing from the resources.");

        /// <summary>The message with this key with its {0}, {1}… placeholders filled in.</summary>
        public string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);
    }
}
