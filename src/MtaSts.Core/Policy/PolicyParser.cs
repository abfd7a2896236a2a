using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System;
using MtaSts.Diagnostics;
using MtaSts.Resources;
using MtaSts.Syntax;

namespace MtaSts.Policy
{
    /// <summary>
    /// Parses policy text exactly per the RFC 8461 §3.2 ABNF in one pass over the characters: lines end in
    /// LF or CRLF (erratum 6253), at most one terminator ends the text, no blank lines, no leading white space,
    /// white space allowed only after the colon and at the end of a line. Registered field names and values
    /// are case-sensitive (RFC 7405 <c>%s</c>); a registered name with a bad value is an error, not an
    /// extension. version, mode and max_age are first-wins (§3.2); mx repeats; unknown fields are kept.
    /// </summary>
    public static class PolicyParser
    {
        /// <summary>RFC 8461 §3.3 suggests senders cap policies at 64 KiB; larger input is refused unread.</summary>
        public const int MaxPolicyBytes = 65536;

        private const string Section = "RFC 8461 §3.2";

        private static readonly ulong ThreeChars = CharWord.Of("\uFFFF\uFFFF\uFFFF\0");
        private static readonly ulong MxColon = CharWord.Of("mx:\0");
        private static readonly ulong ModeWord = CharWord.Of("mode");
        private static readonly ulong VersWord = CharWord.Of("vers");
        private static readonly ulong IonColon = CharWord.Of("ion:");
        private static readonly ulong MaxWord = CharWord.Of("max_");
        private static readonly ulong AgeColon = CharWord.Of("age:");
        private static readonly ulong EnfoWord = CharWord.Of("enfo");
        private static readonly ulong OrceWord = CharWord.Of("orce");
        private static readonly ulong TestWord = CharWord.Of("test");
        private static readonly ulong TingWord = CharWord.Of("ting");
        private static readonly ulong NoneWord = CharWord.Of("none");

        private enum Field
        {
            Other,
            Version,
            Mode,
            Mx,
            MaxAge,
        }

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>Parses policy bytes as served: UTF-8 without a byte order mark, at most 64 KiB.</summary>
        public static ParseResult<MtaStsPolicy> Parse(byte[] bytes)
        {
            if (bytes == null)
            {
                throw new ArgumentNullException(nameof(bytes));
            }

            if (bytes.Length > MaxPolicyBytes)
            {
                return Fail(ErrorCodes.PolicyTooLarge, Messages.Format("PolicyTooLargeBytes", bytes.Length, MaxPolicyBytes), "RFC 8461 §3.3", 0, 0);
            }

            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                return Fail(ErrorCodes.PolicyEncoding, Messages.Get("PolicyUtf8Bom"), Section, 1, 1);
            }

            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                return Fail(ErrorCodes.PolicyEncoding, Messages.Get("PolicyUtf16"), Section, 1, 1);
            }

            if (bytes.Length == 0)
            {
                return Fail(ErrorCodes.PolicyFieldMissing, Messages.Get("PolicyEmpty"), Section, 1, 1);
            }

#if NET8_0_OR_GREATER
            if (PlainPolicyReader.TryRead(bytes) is MtaStsPolicy plain)
            {
                return new ParseResult<MtaStsPolicy>(plain, null, null);
            }

#endif
            // Decoded into a buffer rather than a string: the parse reads the characters once and keeps only the values it
            // returns, so the byte entry costs the text entry plus the decoding. Only decoding throws here.
            try
            {
#if NET8_0_OR_GREATER
                if (bytes.Length <= StackDecodeLimit)
                {
                    Span<char> chars = stackalloc char[bytes.Length];
                    return ParseChars(chars.Slice(0, StrictUtf8.GetChars(bytes, chars)));
                }
#endif
                char[] buffer = ArrayPool<char>.Shared.Rent(bytes.Length);
                try
                {
                    return ParseChars(new ReadOnlySpan<char>(buffer, 0, StrictUtf8.GetChars(bytes, 0, bytes.Length, buffer, 0)));
                }
                finally
                {
                    ArrayPool<char>.Shared.Return(buffer);
                }
            }
            catch (DecoderFallbackException ex)
            {
                return Fail(ErrorCodes.PolicyEncoding, Messages.Format("PolicyNotUtf8", ex.Index), Section, 0, 0);
            }
        }

        /// <summary>Typical policies are 100–300 bytes; up to this many are decoded on the stack.</summary>
        private const int StackDecodeLimit = 2048;

        /// <summary>Parses policy text; never throws for bad input, which is reported in the result's Error.</summary>
        public static ParseResult<MtaStsPolicy> Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (text.Length == 0)
            {
                return Fail(ErrorCodes.PolicyFieldMissing, Messages.Get("PolicyEmpty"), Section, 1, 1);
            }

            if (text.Length > MaxPolicyBytes)
            {
                return Fail(ErrorCodes.PolicyTooLarge, Messages.Format("PolicyTooLargeChars", MaxPolicyBytes), "RFC 8461 §3.3", 0, 0);
            }

            return ParseChars(text.AsSpan());
        }

        /// <summary>The one pass over the lines of a non-empty text of at most 64 Ki characters.</summary>
        private static ParseResult<MtaStsPolicy> ParseChars(ReadOnlySpan<char> text)
        {
            var state = new State(text);
            int pos = 0;
            int line = 1;
            while (true)
            {
                int found = text.Slice(pos).IndexOf('\n');
                int newline = found < 0 ? -1 : pos + found;
                int end = newline < 0 ? text.Length : newline;
                int contentEnd = newline > pos && text[newline - 1] == '\r' ? newline - 1 : end;
                if (!state.ParseLine(pos, contentEnd, line))
                {
                    return new ParseResult<MtaStsPolicy>(null, state.Error, state.Warnings);
                }

                if (newline < 0 || newline == text.Length - 1)
                {
                    break;
                }

                pos = newline + 1;
                line++;
            }

            return state.Finish(line, text.Length - pos + 1);
        }

        private static ParseResult<MtaStsPolicy> Fail(string code, string message, string section, int line, int column) =>
            new ParseResult<MtaStsPolicy>(null, new Finding(code, Severity.Error, message, section, line, column), null);

        /// <summary>What one parse has seen so far.</summary>
        private ref struct State
        {
            private readonly ReadOnlySpan<char> text;
            private int fieldCount;
            private int versionLine;
            private int versionFieldIndex;
            private PolicyMode? mode;
            private int maxAge;
            private int maxAgeLine;
            private int maxAgeColumn;
            private MxCollector mx;
            private ReadOnlySpan<char> currentLine;
            private List<ExtensionField>? extensions;

            public State(ReadOnlySpan<char> text)
            {
                this = default;
                this.text = text;
                versionFieldIndex = -1;
                maxAge = -1;
            }

            public Finding? Error { get; private set; }

            public List<Finding>? Warnings { get; private set; }

            public bool ParseLine(int start, int end, int line)
            {
                var s = text.Slice(start, end - start);
                currentLine = s;
                if (s.IsEmpty)
                {
                    return Err(ErrorCodes.PolicySyntax, Messages.Get("PolicyBlankLine"), line, 1);
                }

                Field field = RegisteredField(s, out int i);
                if (field == Field.Other && !ScanFieldName(s, line, out i))
                {
                    return false;
                }

                var name = s.Slice(0, i);
                int valueStart = i + 1;
                while (valueStart < s.Length && IsWsp(s[valueStart]))
                {
                    valueStart++;
                }

                int valueEnd = s.Length;
                while (valueEnd > valueStart && IsWsp(s[valueEnd - 1]))
                {
                    valueEnd--;
                }

                var value = s.Slice(valueStart, valueEnd - valueStart);
                int column = valueStart + 1;
                fieldCount++;
                switch (field)
                {
                    case Field.Mx:
                        return ParseMx(value, line, column);
                    case Field.Mode:
                        return ParseMode(value, line, column);
                    case Field.Version:
                        return ParseVersion(value, line, column);
                    case Field.MaxAge:
                        return ParseMaxAge(value, line, column);
                }

                return ParseExtension(name, value, line, column);
            }

            /// <summary>
            /// A registered field name and its colon, recognised by comparing whole four-character words (no loop, no
            /// branch per character); Other for anything else, which <see cref="ScanFieldName"/> then reads.
            /// </summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static Field RegisteredField(ReadOnlySpan<char> s, out int colon)
            {
                colon = 0;
                if (s.Length < 4)
                {
                    // Only "mx:" with nothing after it is this short.
                    bool mx = s.Length == 3 && s[0] == 'm' && s[1] == 'x' && s[2] == ':';
                    colon = mx ? 2 : 0;
                    return mx ? Field.Mx : Field.Other;
                }

                ulong first = CharWord.At(s, 0);
                if ((first & ThreeChars) == MxColon)
                {
                    colon = 2;
                    return Field.Mx;
                }

                if (first == ModeWord && s.Length > 4 && s[4] == ':')
                {
                    colon = 4;
                    return Field.Mode;
                }

                if (s.Length >= 8)
                {
                    ulong second = CharWord.At(s, 4);
                    if (first == VersWord && second == IonColon)
                    {
                        colon = 7;
                        return Field.Version;
                    }

                    if (first == MaxWord && second == AgeColon)
                    {
                        colon = 7;
                        return Field.MaxAge;
                    }
                }

                return Field.Other;
            }

            /// <summary>Reads a field name up to its colon per the RFC 8461 §3.2 grammar, or sets the error.</summary>
            private bool ScanFieldName(ReadOnlySpan<char> s, int line, out int i)
            {
                i = 0;
                char first = s[0];
                if (!FieldName.IsFirstChar(first))
                {
                    return Err(ErrorCodes.PolicySyntax, DescribeBadLineStart(s), line, 1);
                }

                i = 1;
                while (i < s.Length && FieldName.IsChar(s[i]))
                {
                    i++;
                }

                if (i > FieldName.MaxLength)
                {
                    return Err(ErrorCodes.PolicySyntax, Messages.Format("PolicyFieldNameTooLong", s.Slice(0, i).ToString(), i, FieldName.MaxLength), line, 1);
                }

                if (i == s.Length)
                {
                    return Err(ErrorCodes.PolicySyntax, Messages.Format("PolicyLineNoColon", Shorten(s)), line, i + 1);
                }

                if (s[i] != ':')
                {
                    string problem = s[i] == ' ' || s[i] == '\t'
                        ? Messages.Format("PolicySpaceBeforeColon", s.Slice(0, i).ToString())
                        : Messages.Format("PolicyFieldNameCharacter", DomainSyntax.Printable(s[i]));
                    return Err(ErrorCodes.PolicySyntax, problem, line, i + 1);
                }

                return true;
            }

            public ParseResult<MtaStsPolicy> Finish(int lastLine, int endColumn)
            {
                if (versionFieldIndex < 0)
                {
                    return Missing("version", "version: " + WellKnownNames.StsVersion, lastLine, endColumn);
                }

                if (mode == null)
                {
                    return Missing("mode", "mode: testing", lastLine, endColumn);
                }

                if (maxAge < 0)
                {
                    return Missing("max_age", "max_age: 604800", lastLine, endColumn);
                }

                if (mx.Count == 0 && mode != PolicyMode.None)
                {
                    Err(ErrorCodes.PolicyFieldMissing, Messages.Get("PolicyNoMx") + CaseHint("mx"), lastLine, endColumn);
                    return new ParseResult<MtaStsPolicy>(null, Error, Warnings);
                }

                if (versionFieldIndex != 1)
                {
                    Warn(ErrorCodes.VersionNotFirst, Messages.Defer("PolicyVersionNotFirst"), versionLine, 1);
                }

                Add(PolicyAdvice.ForMaxAge(maxAge, mode.Value, maxAgeLine, maxAgeColumn));
                if (mx.Count == 0)
                {
                    Add(PolicyAdvice.NoneWithoutMx(lastLine, endColumn));
                }

                var policy = new MtaStsPolicy(mode.Value, mx.ToArray(), maxAge, extensions, null);
                return new ParseResult<MtaStsPolicy>(policy, null, Warnings);
            }

            private bool ParseVersion(ReadOnlySpan<char> value, int line, int column)
            {
                if (versionFieldIndex >= 0)
                {
                    return Duplicate("version", value, line, column);
                }

                if (!Is(value, WellKnownNames.StsVersion))
                {
                    string hint = value.Equals(WellKnownNames.StsVersion.AsSpan(), StringComparison.OrdinalIgnoreCase) ? " " + Messages.Get("PolicyValueCaseSensitive") : string.Empty;
                    return Err(ErrorCodes.PolicyFieldInvalid, Messages.Format("PolicyVersionInvalid", Shorten(value)) + hint, line, column);
                }

                versionFieldIndex = fieldCount;
                versionLine = line;
                return true;
            }

            private bool ParseMode(ReadOnlySpan<char> value, int line, int column)
            {
                if (mode != null)
                {
                    return Duplicate("mode", value, line, column);
                }

                mode = ModeNamed(value);
                if (mode == null)
                {
                    string shown = Shorten(value);
                    string hint = Is(value, "report")
                        ? " " + Messages.Get("PolicyModeReport")
                        : IsModeIgnoringCase(value) ? " " + Messages.Get("PolicyModeCase") : string.Empty;
                    return Err(ErrorCodes.PolicyFieldInvalid, Messages.Format("PolicyModeInvalid", shown) + hint, line, column);
                }

                return true;
            }

            /// <summary>The mode a value names exactly (RFC 7405 %s), compared as whole four-character words; null for any other value.</summary>
            private static PolicyMode? ModeNamed(ReadOnlySpan<char> value)
            {
                if (value.Length == 7)
                {
                    // Two overlapping words cover the seven characters.
                    ulong head = CharWord.At(value, 0);
                    ulong tail = CharWord.At(value, 3);
                    if (head == EnfoWord && tail == OrceWord)
                    {
                        return PolicyMode.Enforce;
                    }

                    if (head == TestWord && tail == TingWord)
                    {
                        return PolicyMode.Testing;
                    }
                }
                else if (value.Length == 4 && CharWord.At(value, 0) == NoneWord)
                {
                    return PolicyMode.None;
                }

                return null;
            }

            private bool ParseMaxAge(ReadOnlySpan<char> value, int line, int column)
            {
                if (maxAge >= 0)
                {
                    return Duplicate("max_age", value, line, column);
                }

                if (value.IsEmpty)
                {
                    return Err(ErrorCodes.PolicyFieldInvalid, Messages.Get("PolicyMaxAgeEmpty"), line, column);
                }

                long seconds = 0;
                for (int i = 0; i < value.Length; i++)
                {
                    char c = value[i];
                    if (c < '0' || c > '9')
                    {
                        return Err(ErrorCodes.PolicyFieldInvalid, Messages.Format("PolicyMaxAgeNotNumber", Shorten(value), DomainSyntax.Printable(c), column + i), line, column + i);
                    }

                    if (i == 10)
                    {
                        return Err(ErrorCodes.PolicyFieldInvalid, Messages.Format("PolicyMaxAgeTooManyDigits", Shorten(value), MtaStsPolicy.MaxMaxAge), line, column);
                    }

                    seconds = (seconds * 10) + (c - '0');
                }

                if (seconds > MtaStsPolicy.MaxMaxAge)
                {
                    return Err(ErrorCodes.MaxAgeOutOfRange, Messages.Format("PolicyMaxAgeTooLarge", value.ToString(), MtaStsPolicy.MaxMaxAge), line, column);
                }

                if (value.Length > 1 && value[0] == '0')
                {
                    Warn(ErrorCodes.MaxAgeLeadingZeros, Messages.Defer("PolicyMaxAgeLeadingZeros", value.ToString(), seconds), line, column);
                }

                maxAge = (int)seconds;
                maxAgeLine = line;
                maxAgeColumn = column;
                return true;
            }

            private bool ParseMx(ReadOnlySpan<char> value, int line, int column)
            {
                if (value.IsEmpty)
                {
                    return Err(ErrorCodes.MxPatternInvalid, Messages.Get("PolicyMxEmpty"), line, column);
                }

                bool wildcard = value.Length >= 2 && value[0] == '*' && value[1] == '.';
                var domain = wildcard ? value.Slice(2) : value;
                var problem = DomainSyntax.Check(domain, out int index, out DomainShape shape);
                if (problem != DomainProblem.None)
                {
                    string shown = value.ToString();
                    string reason = shown.IndexOf(',') >= 0
                        ? Messages.Get("PolicyMxList")
                        : value.Length == 1 && value[0] == '*'
                            ? Messages.Get("MxWildcardWithoutDomain")
                            : DomainSyntax.Explain(problem, domain.ToString(), index);
                    return Err(ErrorCodes.MxPatternInvalid, Messages.Format("PolicyMxInvalid", shown, reason), line, column + (wildcard ? 2 : 0) + index);
                }

                var pattern = MxPattern.FromValidatedSyntax(value, shape);
                if (mx.Contains(pattern))
                {
                    Warn(ErrorCodes.DuplicateMx, Messages.Defer("PolicyMxDuplicate", pattern.Value), line, column);
                    return true;
                }

                mx.Add(pattern);
                Add(PolicyAdvice.ForMx(pattern, line, column));
                return true;
            }

            private bool ParseExtension(ReadOnlySpan<char> name, ReadOnlySpan<char> value, int line, int column)
            {
                string nameText = name.ToString();
                if (value.IsEmpty)
                {
                    return Err(ErrorCodes.PolicySyntax, Messages.Format("PolicyFieldEmpty", nameText), line, column);
                }

                for (int i = 0; i < value.Length; i++)
                {
                    char c = value[i];
                    if (c < 0x20 || c == 0x7F)
                    {
                        return Err(ErrorCodes.PolicySyntax, Messages.Format("PolicyValueControlCharacter", nameText, DomainSyntax.Printable(c)), line, column + i);
                    }

                    if (char.IsSurrogate(c) && (!char.IsHighSurrogate(c) || i + 1 == value.Length || !char.IsLowSurrogate(value[++i])))
                    {
                        return Err(ErrorCodes.PolicyEncoding, Messages.Format("PolicyValueBrokenSurrogate", nameText), line, column + i);
                    }
                }

                if (IsRegisteredIgnoringCase(name))
                {
                    Warn(ErrorCodes.UnknownField, Messages.Defer("PolicyFieldNameCase", nameText, ToLower(nameText)), line, 1);
                }

                extensions ??= new List<ExtensionField>();
                extensions.Add(new ExtensionField(nameText, value.ToString()));
                return true;
            }

            private bool Duplicate(string field, ReadOnlySpan<char> value, int line, int column)
            {
                Warn(ErrorCodes.DuplicateField, Messages.Defer("PolicyFieldDuplicate", field, Shorten(value)), line, column);
                return true;
            }

            private ParseResult<MtaStsPolicy> Missing(string field, string example, int line, int column)
            {
                Err(ErrorCodes.PolicyFieldMissing, Messages.Format("PolicyFieldMissing", field, example) + CaseHint(field), line, column);
                return new ParseResult<MtaStsPolicy>(null, Error, Warnings);
            }

            private string CaseHint(string field) =>
                FieldName.CaseVariant(extensions, field) is ExtensionField variant ? " " + Messages.Format("PolicyFieldCaseHint", variant.Name, field) : string.Empty;

            private bool Err(string code, string message, int line, int column)
            {
                // Every CR that does not end a line makes some rule fail; name the CR, the real cause, instead.
                int carriageReturn = currentLine.IndexOf('\r');
                if (carriageReturn >= 0)
                {
                    code = ErrorCodes.PolicySyntax;
                    message = Messages.Get("PolicyBareCarriageReturn");
                    column = carriageReturn + 1;
                }

                Error = new Finding(code, Severity.Error, message, code == ErrorCodes.MxPatternInvalid ? Section + ", RFC 5321 §4.1.2" : Section, line, column);
                return false;
            }

            private void Warn(string code, DeferredMessage message, int line, int column) =>
                Add(new Finding(code, Severity.Warning, message, Section, line, column));

            private void Add(Finding? warning)
            {
                if (warning != null)
                {
                    (Warnings ??= new List<Finding>()).Add(warning);
                }
            }

            private static string DescribeBadLineStart(ReadOnlySpan<char> s)
            {
                char c = s[0];
                if (IsWsp(c))
                {
                    return IsAllWhiteSpace(s)
                        ? Messages.Get("PolicyWhiteSpaceLine")
                        : Messages.Get("PolicyLeadingWhiteSpace");
                }

                switch (c)
                {
                    case '#':
                        return Messages.Get("PolicyComment");
                    case '<':
                        return Messages.Get("PolicyHtml");
                    case '{':
                        return Messages.Get("PolicyJson");
                    case '\uFEFF':
                        return Messages.Get("PolicyBomCharacter");
                    default:
                        return Messages.Format("PolicyBadLineStart", DomainSyntax.Printable(c));
                }
            }

            /// <summary>Exact, case-sensitive comparison with a keyword (RFC 7405 %s); a plain loop beats a call for a few characters.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static bool Is(ReadOnlySpan<char> s, string keyword)
            {
                if (s.Length != keyword.Length)
                {
                    return false;
                }

                for (int i = 0; i < s.Length; i++)
                {
                    if (s[i] != keyword[i])
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsWsp(char c) => c == ' ' || c == '\t';

            private static bool IsAllWhiteSpace(ReadOnlySpan<char> s)
            {
                foreach (char c in s)
                {
                    if (!IsWsp(c))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsModeIgnoringCase(ReadOnlySpan<char> value) =>
                value.Equals("enforce".AsSpan(), StringComparison.OrdinalIgnoreCase)
                || value.Equals("testing".AsSpan(), StringComparison.OrdinalIgnoreCase)
                || value.Equals("none".AsSpan(), StringComparison.OrdinalIgnoreCase);

            private static bool IsRegisteredIgnoringCase(ReadOnlySpan<char> name) =>
                name.Equals("version".AsSpan(), StringComparison.OrdinalIgnoreCase)
                || name.Equals("mode".AsSpan(), StringComparison.OrdinalIgnoreCase)
                || name.Equals("mx".AsSpan(), StringComparison.OrdinalIgnoreCase)
                || name.Equals("max_age".AsSpan(), StringComparison.OrdinalIgnoreCase);

            private static string ToLower(string s) => DomainNameInput.ToLowerAscii(s);

            private static string Shorten(ReadOnlySpan<char> s) =>
                DomainSyntax.Shown(s.Length > 60 ? s.Slice(0, 60).ToString() + "…" : s.ToString());
        }

        /// <summary>The mx patterns of one parse, in order; the first four need no allocation of their own.</summary>
        internal struct MxCollector
        {
            private MxPattern first;
            private MxPattern second;
            private MxPattern third;
            private MxPattern fourth;
            private List<MxPattern>? more;

            public int Count { get; private set; }

            public readonly bool Contains(MxPattern pattern) =>
                (Count > 0 && pattern.Equals(first))
                || (Count > 1 && pattern.Equals(second))
                || (Count > 2 && pattern.Equals(third))
                || (Count > 3 && pattern.Equals(fourth))
                || (more != null && more.Contains(pattern));

            public void Add(MxPattern pattern)
            {
                switch (Count)
                {
                    case 0: first = pattern; break;
                    case 1: second = pattern; break;
                    case 2: third = pattern; break;
                    case 3: fourth = pattern; break;
                    default: (more ??= new List<MxPattern>()).Add(pattern); break;
                }

                Count++;
            }

            public readonly MxPattern[] ToArray()
            {
                if (Count == 0)
                {
                    return Array.Empty<MxPattern>();
                }

                var patterns = new MxPattern[Count];
                patterns[0] = first;
                if (Count > 1)
                {
                    patterns[1] = second;
                }

                if (Count > 2)
                {
                    patterns[2] = third;
                }

                if (Count > 3)
                {
                    patterns[3] = fourth;
                }

                more?.CopyTo(patterns, 4);
                return patterns;
            }
        }
    }
}
