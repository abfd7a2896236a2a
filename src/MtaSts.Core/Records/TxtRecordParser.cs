using System;
using System.Collections.Generic;
using MtaSts.Validation;

namespace MtaSts.Records
{
    /// <summary>
    /// Parses the value of an <c>_mta-sts</c> TXT record exactly per the RFC 8461 §3.1 ABNF (RFC 7405
    /// case-sensitive literals): <c>v=STSv1</c> first, then <c>;</c>-delimited fields with optional spaces or
    /// tabs around the <c>;</c>, an optional final delimiter, the id required and first-wins.
    /// </summary>
    public static class TxtRecordParser
    {
        private const string Section = "RFC 8461 §3.1";
        private const string Prefix = "v=STSv1";

        public static ParseResult<MtaStsTxtRecord> ParseMtaSts(string value)
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

            string? id = null;
            List<ExtensionField>? extensions = null;
            int pos = Prefix.Length;
            int fields = 0;
            while (true)
            {
                int delimiterStart = pos;
                var next = TxtFieldSyntax.ReadDelimiter(value, ref pos, out bool spaceBefore, out string? error);
                if (next == TxtFieldSyntax.Next.Error)
                {
                    return Fail(fields == 0 ? DescribeAfterVersion(value, pos) : error!, pos + 1, warnings);
                }

                if (spaceBefore && fields == 0)
                {
                    (warnings ??= new List<Finding>()).Add(new Finding(ErrorCodes.TxtSpaceBeforeDelimiter, Severity.Warning,
                        "There is white space between 'v=STSv1' and ';'. The grammar allows it, but the RFC's prose (erratum 6285) and senders such as chasquid look for the exact text 'v=STSv1;'. Write 'v=STSv1; id=…'.",
                        Section, 1, delimiterStart + 1, value));
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

                int valueStart = pos;
                bool isId = TxtFieldSyntax.NameIs(value, nameStart, nameLength, "id");
                string name = isId ? "id" : value.Substring(nameStart, nameLength);
                error = TxtFieldSyntax.ScanValue(value, ref pos, name);
                if (error != null)
                {
                    return Fail(error, pos + 1, warnings);
                }

                fields++;
                var fieldValue = value.AsSpan(valueStart, pos - valueStart);
                if (isId)
                {
                    if (id != null)
                    {
                        (warnings ??= new List<Finding>()).Add(new Finding(ErrorCodes.DuplicateField, Severity.Warning,
                            $"id appears again ('{fieldValue.ToString()}'); only the first id ('{id}') counts and this one is ignored. Publish one id.", "RFC 8461 §3.2", 1, nameStart + 1, value));
                        continue;
                    }

                    string? reason = StsId.Check(fieldValue);
                    if (reason != null)
                    {
                        return Fail($"The id '{fieldValue.ToString()}' is not valid: {reason}. An id is 1 to 32 letters and digits.", valueStart + 1, warnings, ErrorCodes.IdInvalid);
                    }

                    id = fieldValue.ToString();
                    continue;
                }

                if (fieldValue.IsEmpty)
                {
                    return Fail($"The field '{name}' has no value; values are one or more printable characters.", valueStart + 1, warnings);
                }

                (extensions ??= new List<ExtensionField>()).Add(new ExtensionField(name, fieldValue.ToString()));
            }

            if (id == null)
            {
                string hint = string.Empty;
                foreach (var extension in (IEnumerable<ExtensionField>?)extensions ?? Array.Empty<ExtensionField>())
                {
                    if (string.Equals(extension.Name, "id", StringComparison.OrdinalIgnoreCase))
                    {
                        hint = $" There is '{extension.Name}=', but field names are case-sensitive: write 'id='.";
                    }
                }

                return Fail($"The record has no id field; write 'v=STSv1; id=<1 to 32 letters and digits>', for example 'v=STSv1; id={StsId.FromTime(DateTimeOffset.UtcNow)}'.{hint}", value.Length + 1, warnings);
            }

            return new ParseResult<MtaStsTxtRecord>(MtaStsTxtRecord.FromParsed(id, extensions, value), null, warnings);
        }

        private static ParseResult<MtaStsTxtRecord> Fail(string message, int column, List<Finding>? warnings, string code = ErrorCodes.TxtRecordSyntax) =>
            new ParseResult<MtaStsTxtRecord>(null, new Finding(code, Severity.Error, message, Section, 1, column), warnings);

        private static string DescribeBadStart(string value)
        {
            if (value.Length == 0)
            {
                return "The record is empty; an MTA-STS record is 'v=STSv1; id=<id>'.";
            }

            if (value[0] == '"')
            {
                return "The record starts with a quote character: the quotes of a zone file became part of the data. Publish the text without literal quotes.";
            }

            if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return $"The record starts with '{value.Substring(0, Prefix.Length)}'; the version tag is case-sensitive: write 'v=STSv1'.";
            }

            if (value.StartsWith("v=STSv", StringComparison.Ordinal))
            {
                return "The record is not an STSv1 record; the only version is 'v=STSv1', and other versions are ignored by senders.";
            }

            return value.IndexOf("v=STSv1", StringComparison.Ordinal) > 0
                ? "'v=STSv1' must come first in the record; write 'v=STSv1; id=…'."
                : "The record does not start with 'v=STSv1'; an MTA-STS record is 'v=STSv1; id=<id>'.";
        }

        private static string DescribeAfterVersion(string value, int pos) =>
            pos < value.Length
                ? $"'v=STSv1' is followed by '{DomainSyntax.Printable(value[pos])}'; fields are separated by ';', as in 'v=STSv1; id=…'."
                : "White space at the end of the record is allowed only around a ';'. Remove it, or end with ';'.";
    }
}
