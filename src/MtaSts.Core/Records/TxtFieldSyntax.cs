namespace MtaSts.Records
{
    /// <summary>
    /// The grammar the <c>_mta-sts</c> (RFC 8461 §3.1) and <c>_smtp._tls</c> (RFC 8460 §3) records share:
    /// <c>field-delim = *WSP ";" *WSP</c>, names of 1–32 letters, digits, '_', '-' and '.' starting with a
    /// letter or digit, and extension values of printable ASCII without ';', '=' or spaces.
    /// </summary>
    internal static class TxtFieldSyntax
    {
        public const int MaxNameLength = 32;

        /// <summary>What follows a field: another field, the end, or an error.</summary>
        public enum Next
        {
            Field,
            End,
            Error,
        }

        /// <summary>
        /// Reads the delimiter after the version or a field. Returns <see cref="Next.End"/> at the end of the value
        /// (with or without a final ';'), <see cref="Next.Field"/> with <paramref name="pos"/> on the next field's
        /// name, or <see cref="Next.Error"/> with the message and <paramref name="pos"/> on the offending character.
        /// </summary>
        public static Next ReadDelimiter(string value, ref int pos, out bool spaceBeforeSemicolon, out string? error)
        {
            error = null;
            int start = pos;
            pos = SkipWsp(value, pos);
            spaceBeforeSemicolon = pos != start;
            if (pos == value.Length)
            {
                if (pos == start)
                {
                    return Next.End;
                }

                pos = start;
                error = "White space at the end of the record is allowed only around a ';'. Remove it, or end with ';'.";
                return Next.Error;
            }

            if (value[pos] != ';')
            {
                error = spaceBeforeSemicolon
                    ? "A value contains a space, or two fields are not separated by ';'; values cannot contain spaces."
                    : $"Expected ';' before '{Validation.DomainSyntax.Printable(value[pos])}'; fields are separated by ';'.";
                return Next.Error;
            }

            pos = SkipWsp(value, pos + 1);
            return pos == value.Length ? Next.End : Next.Field;
        }

        /// <summary>Reads a field name and its '='; on success <paramref name="pos"/> is on the first character of the value.</summary>
        public static string? ReadName(string value, ref int pos, out int nameStart, out int nameLength)
        {
            nameStart = pos;
            nameLength = 0;
            if (!Validation.DomainSyntax.IsLetterOrDigit(value[pos]))
            {
                string what = value[pos] == ';' ? "an empty field (';;')" : $"'{Validation.DomainSyntax.Printable(value[pos])}'";
                return $"Expected a field but found {what}; a field name starts with a letter or digit.";
            }

            while (pos < value.Length && IsNameChar(value[pos]))
            {
                pos++;
            }

            nameLength = pos - nameStart;
            if (nameLength > MaxNameLength)
            {
                pos = nameStart;
                return $"The field name '{value.Substring(nameStart, nameLength)}' is {nameLength} characters long; field names are at most {MaxNameLength}.";
            }

            if (pos == value.Length || value[pos] != '=')
            {
                string found = pos == value.Length ? "the end of the record" : $"'{Validation.DomainSyntax.Printable(value[pos])}'";
                return $"The field '{value.Substring(nameStart, nameLength)}' is followed by {found}; every field is 'name=value' with no spaces around '='.";
            }

            pos++;
            return null;
        }

        /// <summary>
        /// Reads a value of *(%x21-3A / %x3C / %x3E-7E) up to the next delimiter; on error <paramref name="pos"/> is on the
        /// bad character. An empty value is the caller's to judge.
        /// </summary>
        public static string? ScanValue(string value, ref int pos, string name)
        {
            while (pos < value.Length && IsValueChar(value[pos]))
            {
                pos++;
            }

            if (pos < value.Length && value[pos] != ';' && value[pos] != ' ' && value[pos] != '\t')
            {
                char c = value[pos];
                string why = c == '=' ? "values exclude '=', ';', spaces and control characters" : c > 0x7F ? "the record must be US-ASCII" : "values exclude control characters";
                return $"The value of '{name}' contains {Validation.DomainSyntax.Printable(c)}; {why}.";
            }

            return null;
        }

        public static bool NameIs(string value, int nameStart, int nameLength, string name) =>
            nameLength == name.Length && string.CompareOrdinal(value, nameStart, name, 0, nameLength) == 0;

        public static int SkipWsp(string s, int pos)
        {
            while (pos < s.Length && (s[pos] == ' ' || s[pos] == '\t'))
            {
                pos++;
            }

            return pos;
        }

        private static bool IsNameChar(char c) => Validation.DomainSyntax.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.';

        /// <summary>%x21-3A / %x3C / %x3E-7E: printable ASCII except ';' and '='.</summary>
        private static bool IsValueChar(char c) => c >= 0x21 && c <= 0x7E && c != ';' && c != '=';
    }
}
