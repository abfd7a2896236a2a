using System;
using System.Collections.Generic;

namespace MtaSts.Syntax
{
    /// <summary>
    /// The field-name grammar the policy (RFC 8461 §3.2) and both TXT records (RFC 8461 §3.1, RFC 8460 §3) share:
    /// 1 to 32 of ALPHA / DIGIT / "_" / "-" / ".", the first a letter or digit. Names are case-sensitive.
    /// </summary>
    internal static class FieldName
    {
        public const int MaxLength = 32;

        public static bool IsFirstChar(char c) => DomainSyntax.IsLetterOrDigit(c);

        public static bool IsChar(char c) => DomainSyntax.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.';

        /// <summary>The first extension field named <paramref name="field"/> in another case ("ID" for "id"), or null.</summary>
        public static ExtensionField? CaseVariant(IEnumerable<ExtensionField>? extensions, string field)
        {
            foreach (var extension in extensions ?? Array.Empty<ExtensionField>())
            {
                if (string.Equals(extension.Name, field, StringComparison.OrdinalIgnoreCase))
                {
                    return extension;
                }
            }

            return null;
        }
    }
}
