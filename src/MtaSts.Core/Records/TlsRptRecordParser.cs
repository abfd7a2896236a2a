using System;
using System.Collections.Generic;
using MtaSts.Validation;

namespace MtaSts.Records
{
    /// <summary>
    /// Parses the value of a <c>_smtp._tls</c> TXT record exactly per the RFC 8460 §3 ABNF: <c>v=TLSRPTv1</c> first
    /// (case-sensitive), <c>;</c>-delimited fields, <c>rua=</c> required and holding one or more <c>mailto:</c> or
    /// <c>https:</c> URIs separated by ',' (white space allowed around it), extensions kept and ignored.
    /// </summary>
    public static class TlsRptRecordParser
    {
        private const string Section = "RFC 8460 §3";
        private const string Prefix = "v=TLSRPTv1";

        public static ParseResult<TlsRptRecord> Parse(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            List<Finding>? warnings = null;
            if (!value.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return Fail(DescribeBadStart(value), 1, warnings);
            }

            var rua = new List<string>();
            List<ExtensionField>? extensions = null;
            int ruaFields = 0;
            int pos = Prefix.Length;
            int fields = 0;
            while (true)
            {
                int delimiterStart = pos;
                var next = TxtFieldSyntax.ReadDelimiter(value, ref pos, out bool spaceBefore, out string? error);
                if (next == TxtFieldSyntax.Next.Error)
                {
                    return Fail(fields == 0 && pos < value.Length ? $"'v=TLSRPTv1' is followed by '{DomainSyntax.Printable(value[pos])}'; fields are separated by ';', as in 'v=TLSRPTv1; rua=…'." : error!, pos + 1, warnings);
                }

                if (spaceBefore && fields == 0)
                {
                    Warn(ref warnings, ErrorCodes.TxtSpaceBeforeDelimiter, "There is white space between 'v=TLSRPTv1' and ';'. The grammar allows it, but senders that pick the record by its leading 'v=TLSRPTv1;' may pass it over. Write 'v=TLSRPTv1; rua=…'.", delimiterStart + 1, value);
                }

                if (next == TxtFieldSyntax.Next.End)
                {
                    break;
                }

                error = TxtFieldSyntax.ReadName(value, ref pos, out int nameStart, out int nameLength);
                if (error != null)
                {
                    return Fail(error, pos + 1, warnings);
                }

                fields++;
                if (TxtFieldSyntax.NameIs(value, nameStart, nameLength, "rua"))
                {
                    if (++ruaFields == 2)
                    {
                        Warn(ref warnings, ErrorCodes.TlsRptRepeatedRua, "rua appears more than once; the RFC does not say what that means. The destinations are merged here; put them all in one rua, separated by ','.", nameStart + 1, value);
                    }

                    error = ReadUriList(value, ref pos, rua);
                    if (error != null)
                    {
                        return Fail(error, pos + 1, warnings, ErrorCodes.TlsRptRuaInvalid);
                    }

                    continue;
                }

                string name = value.Substring(nameStart, nameLength);
                int valueStart = pos;
                error = TxtFieldSyntax.ScanValue(value, ref pos, name);
                if (error == null && pos == valueStart)
                {
                    error = $"The field '{name}' has no value; values are one or more printable characters.";
                }

                if (error != null)
                {
                    return Fail(error, pos + 1, warnings);
                }

                (extensions ??= new List<ExtensionField>()).Add(new ExtensionField(name, value.Substring(valueStart, pos - valueStart)));
            }

            if (rua.Count == 0)
            {
                return Fail("The record has no rua field; write 'v=TLSRPTv1; rua=mailto:tlsrpt@example.com'." + RuaHint(extensions), value.Length + 1, warnings, ErrorCodes.TlsRptRuaInvalid);
            }

            return new ParseResult<TlsRptRecord>(TlsRptRecord.FromParsed(rua, extensions, value), null, warnings);
        }

        /// <summary>tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri); leaves <paramref name="pos"/> after the last URI.</summary>
        private static string? ReadUriList(string value, ref int pos, List<string> rua)
        {
            while (true)
            {
                int start = pos;
                while (pos < value.Length && value[pos] != ',' && value[pos] != ';' && value[pos] != ' ' && value[pos] != '\t')
                {
                    pos++;
                }

                if (pos == start)
                {
                    return start > 0 && value[start - 1] == '=' ? "rua is empty; give at least one mailto: or https: URI." : "A ',' is not followed by a URI; remove the dangling ','.";
                }

                var uri = value.AsSpan(start, pos - start);
                string? reason = ReportUri.CheckInRecord(uri);
                if (reason != null)
                {
                    pos = start;
                    string hint = uri.IndexOf('@') > 0 && uri.IndexOf(':') < 0 && rua.Count > 0
                        ? " A ',' separates URIs: encode a comma inside an address as %2C, or write 'mailto:' before each address."
                        : string.Empty;
                    return $"The rua URI '{uri.ToString()}' is not valid: {reason}.{hint}";
                }

                string text = uri.ToString();
                if (!rua.Contains(text))
                {
                    rua.Add(text);
                }

                int after = TxtFieldSyntax.SkipWsp(value, pos);
                if (after == value.Length || value[after] != ',')
                {
                    return null;
                }

                pos = TxtFieldSyntax.SkipWsp(value, after + 1);
            }
        }

        private static string RuaHint(List<ExtensionField>? extensions)
        {
            foreach (var extension in (IEnumerable<ExtensionField>?)extensions ?? Array.Empty<ExtensionField>())
            {
                if (string.Equals(extension.Name, "rua", StringComparison.OrdinalIgnoreCase))
                {
                    return $" There is '{extension.Name}=', but field names are case-sensitive: write 'rua='.";
                }
            }

            return string.Empty;
        }

        private static string DescribeBadStart(string value)
        {
            if (value.Length == 0)
            {
                return "The record is empty; a TLS-RPT record is 'v=TLSRPTv1; rua=<uri>'.";
            }

            if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return $"The record starts with '{value.Substring(0, Prefix.Length)}'; the version tag is case-sensitive: write 'v=TLSRPTv1'.";
            }

            return value.IndexOf(Prefix, StringComparison.Ordinal) > 0
                ? "'v=TLSRPTv1' must come first in the record; write 'v=TLSRPTv1; rua=…'."
                : "The record does not start with 'v=TLSRPTv1'; a TLS-RPT record is 'v=TLSRPTv1; rua=<uri>'.";
        }

        private static void Warn(ref List<Finding>? warnings, string code, string message, int column, string value) =>
            (warnings ??= new List<Finding>()).Add(new Finding(code, Severity.Warning, message, Section, 1, column, value));

        private static ParseResult<TlsRptRecord> Fail(string message, int column, List<Finding>? warnings, string code = ErrorCodes.TlsRptSyntax) =>
            new ParseResult<TlsRptRecord>(null, new Finding(code, Severity.Error, message, Section, 1, column), warnings);
    }
}
