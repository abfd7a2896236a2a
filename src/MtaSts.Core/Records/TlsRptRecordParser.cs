using System.Collections.Generic;
using System;
using MtaSts.Diagnostics;
using MtaSts.Resources;
using MtaSts.Syntax;

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
        private const string Prefix = WellKnownNames.TlsRptRecordPrefix;

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

            // Checked first, so that nothing of a value no DNS message can carry is parsed or echoed.
            var tooLarge = DnsTxtText.TooLargeForDns(value, ErrorCodes.TlsRptRecordTooLarge, 1, 1);
            if (tooLarge != null)
            {
                return new ParseResult<TlsRptRecord>(null, tooLarge, warnings);
            }

            var large = DnsTxtText.LargerThanUdpAnswer(WellKnownNames.TlsRptRecordLabel, value, ErrorCodes.TlsRptRecordLarge, 1, 1, value);
            if (large != null)
            {
                (warnings ??= new List<Finding>()).Add(large);
            }

            var rua = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
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
                    return Fail(fields == 0 && pos < value.Length ? Messages.Format("TxtVersionFollowedBy", Prefix, DomainSyntax.Printable(value[pos]), "rua") : error!, pos + 1, warnings);
                }

                if (spaceBefore && fields == 0)
                {
                    Warn(ref warnings, ErrorCodes.TxtSpaceBeforeDelimiter, Messages.Get("TlsRptSpaceBeforeDelimiter"), delimiterStart + 1, value);
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
                        Warn(ref warnings, ErrorCodes.TlsRptRepeatedRua, Messages.Get("TlsRptRuaRepeated"), nameStart + 1, value);
                    }

                    error = ReadUriList(value, ref pos, rua, seen, ref warnings);
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
                    error = Messages.Format("TxtFieldEmpty", name);
                }

                if (error != null)
                {
                    return Fail(error, pos + 1, warnings);
                }

                (extensions ??= new List<ExtensionField>()).Add(new ExtensionField(name, value.Substring(valueStart, pos - valueStart)));
            }

            if (rua.Count == 0)
            {
                return Fail(Messages.Get("TlsRptNoRua") + TxtFieldSyntax.CaseHint(extensions, "rua"), value.Length + 1, warnings, ErrorCodes.TlsRptRuaInvalid);
            }

            return new ParseResult<TlsRptRecord>(TlsRptRecord.FromParsed(rua, extensions, value), null, warnings);
        }

        /// <summary>tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri); leaves <paramref name="pos"/> after the last URI.</summary>
        private static string? ReadUriList(string value, ref int pos, List<string> rua, HashSet<string> seen, ref List<Finding>? warnings)
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
                    return start > 0 && value[start - 1] == '=' ? Messages.Get("TlsRptRuaEmpty") : Messages.Get("TlsRptRuaDanglingComma");
                }

                var uri = value.AsSpan(start, pos - start);
                string? reason = ReportUri.CheckInRecord(uri, out string? warning);
                if (warning != null)
                {
                    Warn(ref warnings, ErrorCodes.TlsRptRuaHeaderFields, Messages.Format("TlsRptRuaUnwise", uri.ToString(), warning), start + 1, uri.ToString());
                }

                if (reason != null)
                {
                    pos = start;
                    string hint = uri.IndexOf('@') > 0 && uri.IndexOf(':') < 0 && rua.Count > 0
                        ? " " + Messages.Get("TlsRptRuaCommaHint")
                        : string.Empty;
                    return Messages.Format("TlsRptRuaInvalid", uri.ToString(), reason) + hint;
                }

                string text = uri.ToString();
                if (seen.Add(text))
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

        private static string DescribeBadStart(string value)
        {
            if (value.Length == 0)
            {
                return Messages.Get("TlsRptEmpty");
            }

            if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return Messages.Format("TxtVersionCase", value.Substring(0, Prefix.Length), Prefix);
            }

            return value.IndexOf(Prefix, StringComparison.Ordinal) > 0
                ? Messages.Format("TxtVersionNotFirst", Prefix, "rua")
                : Messages.Get("TlsRptNoVersion");
        }

        private static void Warn(ref List<Finding>? warnings, string code, string message, int column, string value) =>
            (warnings ??= new List<Finding>()).Add(new Finding(code, Severity.Warning, message, Section, 1, column, value));

        private static ParseResult<TlsRptRecord> Fail(string message, int column, List<Finding>? warnings, string code = ErrorCodes.TlsRptSyntax) =>
            new ParseResult<TlsRptRecord>(null, new Finding(code, Severity.Error, message, Section, 1, column), warnings);
    }
}
