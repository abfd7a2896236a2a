using System;

namespace MtaSts.Syntax
{
    /// <summary>
    /// A Content-Type or Content-Disposition value: the type before the first ';', then name=value parameters
    /// (RFC 2045 §5.1, RFC 9110 §8.3.1). Quoted values lose their quotes; names compare case-insensitively.
    /// </summary>
    internal static class HeaderValue
    {
        /// <summary>The media type in lower case, without parameters: "text/plain; charset=utf-8" gives "text/plain".</summary>
        public static string MediaType(string value)
        {
            int semicolon = value.IndexOf(';');
            return (semicolon < 0 ? value : value.Substring(0, semicolon)).Trim().ToLowerInvariant();
        }

        /// <summary>The value of parameter <paramref name="name"/>, or null when it is not there.</summary>
        public static string? Parameter(string value, string name)
        {
            foreach (string piece in value.Split(';'))
            {
                int equals = piece.IndexOf('=');
                if (equals > 0 && string.Equals(piece.Substring(0, equals).Trim(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return piece.Substring(equals + 1).Trim().Trim('"');
                }
            }

            return null;
        }
    }
}
