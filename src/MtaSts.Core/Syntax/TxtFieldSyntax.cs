using MtaSts.Resources;

namespace MtaSts.Syntax
{
    /// <summary>
    /// The grammar the <c>_mta-sts</c> (RFC 8461 §3.1) and <c>_smtp._tls</c> (RFC 8460 §3) records share:
    /// <c>field-delim = *WSP ";" *WSP</c>, names of 1–32 letters, digits, '_', '-' and '.' starting with a
    /// letter or digit, and extension values of printable ASCII without ';', '=' or spaces.
    /// </summary>
    internal static class TxtFieldSyntax
    {

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
                error = Messages.Get("TxtTrailingWhiteSpace");
                return Next.Error;
            }

            if (value[pos] != ';')
            {
                error = spaceBeforeSemicolon
                    ? Messages.Get("TxtValueSpace")
                    : Messages.Format("TxtExpectedDelimiter", DomainSyntax.Printable(value[pos]));
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
            if (!FieldName.IsFirstChar(value[pos]))
            {
                return value[pos] == ';' ? Messages.Get("TxtEmptyField") : Messages.Format("TxtExpectedField", DomainSyntax.Printable(value[pos]));
            }

            while (pos < value.Length && FieldName.IsChar(value[pos]))
            {
                pos++;
            }

            nameLength = pos - nameStart;
            if (nameLength > FieldName.MaxLength)
            {
                pos = nameStart;
                return Messages.Format("PolicyFieldNameTooLong", value.Substring(nameStart, nameLength), nameLength, FieldName.MaxLength);
            }

            if (pos == value.Length || value[pos] != '=')
            {
                string found = pos == value.Length ? Messages.Get("TxtEndOfRecord") : "'" + DomainSyntax.Printable(value[pos]) + "'";
                return Messages.Format("TxtFieldWithoutEquals", value.Substring(nameStart, nameLength), found);
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
                string key = c == '=' ? "TxtValueEquals" : c > 0x7F ? "TxtValueNonAscii" : "TxtValueControl";
                return Messages.Format(key, name, DomainSyntax.Printable(c));
            }

            return null;
        }

        public static bool NameIs(string value, int nameStart, int nameLength, string name) =>
            nameLength == name.Length && string.CompareOrdinal(value, nameStart, name, 0, nameLength) == 0;

        /// <summary>
        /// " There is 'ID=', but field names are case-sensitive…" when an extension field is <paramref name="field"/> in
        /// another case (the first such field), or empty.
        /// </summary>
        public static string CaseHint(System.Collections.Generic.IEnumerable<ExtensionField>? extensions, string field) =>
            FieldName.CaseVariant(extensions, field) is ExtensionField variant ? " " + Messages.Format("TxtFieldCaseHint", variant.Name, field) : string.Empty;

        public static int SkipWsp(string s, int pos)
        {
            while (pos < s.Length && (s[pos] == ' ' || s[pos] == '\t'))
            {
                pos++;
            }

            return pos;
        }

        /// <summary>%x21-3A / %x3C / %x3E-7E: printable ASCII except ';' and '='.</summary>
        private static bool IsValueChar(char c) => c >= 0x21 && c <= 0x7E && c != ';' && c != '=';
    }
}
