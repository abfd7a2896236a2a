using System.Collections.Generic;
using System;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif
using MtaSts.Diagnostics;
using MtaSts.Resources;
using MtaSts.Syntax;

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
        private const string Prefix = WellKnownNames.StsRecordPrefix;

        // "v=STSv1" as two overlapping four-character words.
        private static readonly ulong VersionHead = CharWord.Of(Prefix.Substring(0, 4));
        private static readonly ulong VersionTail = CharWord.Of(Prefix.Substring(3, 4));

        public static ParseResult<MtaStsTxtRecord> ParseMtaSts(string value, Clock? clock = null)
        {
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            return CommonShapeId(value) is string id
                ? new ParseResult<MtaStsTxtRecord>(MtaStsTxtRecord.FromParsed(id, null, value), null, null)
                : ReadFieldByField(value, clock);
        }

        /// <summary>
        /// The id of a record in the shape nearly all have, read straight through: <c>v=STSv1;</c>, optional spaces,
        /// <c>id=</c> and 1 to 32 letters and digits, then the end or a final <c>;</c> with optional spaces after it
        /// (RFC 8461 §3.1). Null for anything else, which <see cref="ReadFieldByField"/> reads, warns about or refuses.
        /// </summary>
        internal static string? CommonShapeId(string value)
        {
            int length = value.Length;
            int pos = Prefix.Length;
            if (length < pos + 5 || CharWord.At(value.AsSpan(), 0) != VersionHead || CharWord.At(value.AsSpan(), 3) != VersionTail || value[pos] != ';')
            {
                return null;
            }

            pos = TxtFieldSyntax.SkipWsp(value, pos + 1);
            if (pos + 3 >= length || value[pos] != 'i' || value[pos + 1] != 'd' || value[pos + 2] != '=')
            {
                return null;
            }

            int idStart = pos + 3;
            pos = EndOfLettersAndDigits(value, idStart);

            int idLength = pos - idStart;
            if (idLength == 0 || idLength > StsId.MaxLength)
            {
                return null;
            }

            if (pos < length && (value[pos] != ';' || TxtFieldSyntax.SkipWsp(value, pos + 1) != length))
            {
                return null;
            }

            return value.Substring(idStart, idLength);
        }

        /// <summary>The index of the first character at or after <paramref name="start"/> that is not a letter or digit, or the length.</summary>
        internal static int EndOfLettersAndDigits(string value, int start)
        {
#if NET8_0_OR_GREATER
            // Sixteen characters per compare: an id is read in one or two steps rather than one branch per character.
            if (Vector256.IsHardwareAccelerated && value.Length >= 16)
            {
                var chars = MemoryMarshal.Cast<char, ushort>(value.AsSpan());
                for (int at = start; ;)
                {
                    int load = Math.Min(at, chars.Length - 16);
                    var v = Vector256.Create(chars.Slice(load, 16));
                    var letter = Vector256.LessThanOrEqual((v | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)('z' - 'a')));
                    var digit = Vector256.LessThanOrEqual(v - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9));
                    uint others = ~(letter | digit).ExtractMostSignificantBits() & 0xFFFF;
                    uint stops = others & (0xFFFFu << (at - load));
                    if (stops != 0)
                    {
                        return load + BitOperations.TrailingZeroCount(stops);
                    }

                    if (load + 16 == chars.Length)
                    {
                        return chars.Length;
                    }

                    at = load + 16;
                }
            }
#endif
            int end = start;
            while (end < value.Length && DomainSyntax.IsLetterOrDigit(value[end]))
            {
                end++;
            }

            return end;
        }

        /// <summary>The whole grammar, one delimiter and field at a time, with a warning or error for anything amiss.</summary>
        internal static ParseResult<MtaStsTxtRecord> ReadFieldByField(string value, Clock? clock)
        {
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
                        Messages.Defer("TxtSpaceBeforeDelimiter"),
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
                            Messages.Defer("TxtIdDuplicate", fieldValue.ToString(), id), "RFC 8461 §3.2", 1, nameStart + 1, value));
                        continue;
                    }

                    string? reason = StsId.Check(fieldValue);
                    if (reason != null)
                    {
                        return Fail(Messages.Format("TxtIdInvalid", fieldValue.ToString(), reason), valueStart + 1, warnings, ErrorCodes.IdInvalid);
                    }

                    id = fieldValue.ToString();
                    continue;
                }

                if (fieldValue.IsEmpty)
                {
                    return Fail(Messages.Format("TxtFieldEmpty", name), valueStart + 1, warnings);
                }

                (extensions ??= new List<ExtensionField>()).Add(new ExtensionField(name, fieldValue.ToString()));
            }

            if (id == null)
            {
                return Fail(Messages.Format("TxtNoId", StsId.FromTime((clock ?? Clock.System).UtcNow)) + TxtFieldSyntax.CaseHint(extensions, "id"), value.Length + 1, warnings);
            }

            return new ParseResult<MtaStsTxtRecord>(MtaStsTxtRecord.FromParsed(id, extensions, value), null, warnings);
        }

        private static ParseResult<MtaStsTxtRecord> Fail(string message, int column, List<Finding>? warnings, string code = ErrorCodes.TxtRecordSyntax) =>
            new ParseResult<MtaStsTxtRecord>(null, new Finding(code, Severity.Error, message, Section, 1, column), warnings);

        private static string DescribeBadStart(string value)
        {
            if (value.Length == 0)
            {
                return Messages.Get("TxtEmpty");
            }

            if (value[0] == '"')
            {
                return Messages.Get("TxtQuoted");
            }

            if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return Messages.Format("TxtVersionCase", value.Substring(0, Prefix.Length), Prefix);
            }

            if (value.StartsWith("v=STSv", StringComparison.Ordinal))
            {
                return Messages.Get("TxtOtherVersion");
            }

            return value.IndexOf(Prefix, StringComparison.Ordinal) > 0
                ? Messages.Format("TxtVersionNotFirst", Prefix, "id")
                : Messages.Get("TxtNoVersion");
        }

        private static string DescribeAfterVersion(string value, int pos) =>
            pos < value.Length
                ? Messages.Format("TxtVersionFollowedBy", Prefix, DomainSyntax.Printable(value[pos]), "id")
                : Messages.Get("TxtTrailingWhiteSpace");
    }
}
