using System;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif
using MtaSts.Resources;

namespace MtaSts.Syntax
{
    /// <summary>What is wrong with a domain name, if anything.</summary>
    internal enum DomainProblem
    {
        None,
        Empty,
        TooLong,
        EmptyLabel,
        LabelTooLong,
        LeadingDot,
        TrailingDot,
        HyphenAtLabelEdge,
        Underscore,
        Asterisk,
        Whitespace,
        NonAscii,
        InvalidCharacter,
    }

    /// <summary>Facts about a valid name that advice needs, gathered while checking it.</summary>
    [Flags]
    internal enum DomainShape
    {
        None = 0,
        HasUppercase = 1,
        SingleLabel = 2,
        NumericLastLabel = 4,
    }

    /// <summary>
    /// The RFC 5321 §4.1.2 <c>Domain</c> production (ASCII letters, digits and inner hyphens, dot-separated),
    /// with the DNS length limits that the ABNF leaves out.
    /// </summary>
    internal static class DomainSyntax
    {
        /// <summary>RFC 1035 §2.3.4: 255 octets on the wire, which is 253 characters written out.</summary>
        public const int MaxNameLength = 253;

        /// <summary>RFC 1035 §2.3.4.</summary>
        public const int MaxLabelLength = 63;

        public static DomainProblem Check(ReadOnlySpan<char> name, out int index) => Check(name, out index, out _);

        public static DomainProblem Check(ReadOnlySpan<char> name, out int index, out DomainShape shape)
        {
            index = 0;
            return IsShortValidName(name, out shape) ? DomainProblem.None : CheckEachCharacter(name, out index, out shape);
        }

        /// <summary>The check one character at a time, which also finds where and what the problem is.</summary>
        internal static DomainProblem CheckEachCharacter(ReadOnlySpan<char> name, out int index, out DomainShape shape)
        {
            index = 0;
            shape = DomainShape.SingleLabel;
            if (name.IsEmpty)
            {
                return DomainProblem.Empty;
            }

            int labelStart = 0;
            bool labelNumeric = true;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                index = i;
                if ((uint)(c - 'a') <= 'z' - 'a')
                {
                    labelNumeric = false;
                    continue;
                }

                if ((uint)(c - '0') <= 9)
                {
                    continue;
                }

                if ((uint)(c - 'A') <= 'Z' - 'A')
                {
                    shape |= DomainShape.HasUppercase;
                    labelNumeric = false;
                    continue;
                }

                if (c == '.')
                {
                    if (i == labelStart)
                    {
                        return i == 0 ? DomainProblem.LeadingDot : DomainProblem.EmptyLabel;
                    }

                    if (name[i - 1] == '-')
                    {
                        index = i - 1;
                        return DomainProblem.HyphenAtLabelEdge;
                    }

                    if (i - labelStart > MaxLabelLength)
                    {
                        index = labelStart;
                        return DomainProblem.LabelTooLong;
                    }

                    if (i == name.Length - 1)
                    {
                        return DomainProblem.TrailingDot;
                    }

                    labelStart = i + 1;
                    labelNumeric = true;
                    shape &= ~DomainShape.SingleLabel;
                    continue;
                }

                if (c == '-')
                {
                    labelNumeric = false;
                    if (i == labelStart)
                    {
                        return DomainProblem.HyphenAtLabelEdge;
                    }

                    continue;
                }

                return Classify(c);
            }

            index = name.Length - 1;
            if (name[name.Length - 1] == '-')
            {
                return DomainProblem.HyphenAtLabelEdge;
            }

            if (name.Length - labelStart > MaxLabelLength)
            {
                index = labelStart;
                return DomainProblem.LabelTooLong;
            }

            if (name.Length > MaxNameLength)
            {
                index = MaxNameLength;
                return DomainProblem.TooLong;
            }

            if (labelNumeric)
            {
                shape |= DomainShape.NumericLastLabel;
            }

            index = 0;
            return DomainProblem.None;
        }

        /// <summary>
        /// The common case without a branch per character: a valid name of at most 63 characters (so no label or name
        /// can be too long), with its shape. False means "not shown valid here": the careful loop then finds the problem.
        /// Every character becomes a bit in one of four 64-bit masks (dots, hyphens, capitals, invalid), and the rules of
        /// RFC 5321 §4.1.2 that span two characters are shifts of those masks: no dot or hyphen after a dot or at the
        /// start (an empty label, or a label starting with a hyphen), no dot after a hyphen, no dot or hyphen at the end.
        /// </summary>
        private static bool IsShortValidName(ReadOnlySpan<char> name, out DomainShape shape)
        {
            shape = DomainShape.None;
            int length = name.Length;
            if (length == 0 || length > MaxLabelLength)
            {
                return false;
            }

            ulong dots, hyphens, capitals, invalid;
#if NET8_0_OR_GREATER
            if (Vector128.IsHardwareAccelerated && length >= 8)
            {
                ClassifyEightAtATime(name, out dots, out hyphens, out capitals, out invalid);
            }
            else
#endif
            {
                ClassifyOneAtATime(name, out dots, out hyphens, out capitals, out invalid);
            }

            ulong edges = dots | hyphens;
            ulong bad = invalid | (((dots << 1) | 1) & edges) | ((hyphens << 1) & dots) | ((edges >> (length - 1)) & 1);
            if (bad != 0)
            {
                return false;
            }

            shape = (capitals != 0 ? DomainShape.HasUppercase : DomainShape.None)
                | (dots == 0 ? DomainShape.SingleLabel : DomainShape.None)
                | (IsDigit(name[length - 1]) && LooksLikeIpAddress(name) ? DomainShape.NumericLastLabel : DomainShape.None);
            return true;
        }

        private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

        internal static void ClassifyOneAtATime(ReadOnlySpan<char> name, out ulong dots, out ulong hyphens, out ulong capitals, out ulong invalid)
        {
            dots = hyphens = capitals = invalid = 0;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                ulong bit = 1UL << i;
                dots |= c == '.' ? bit : 0;
                hyphens |= c == '-' ? bit : 0;
                capitals |= (uint)(c - 'A') <= 'Z' - 'A' ? bit : 0;
                invalid |= (uint)((c | 0x20) - 'a') <= 'z' - 'a' || IsDigit(c) || c == '.' || c == '-' ? 0 : bit;
            }
        }

#if NET8_0_OR_GREATER
        /// <summary>The masks of <see cref="ClassifyOneAtATime"/> for a name of 8 to 63 characters, eight characters per compare.</summary>
        internal static void ClassifyEightAtATime(ReadOnlySpan<char> name, out ulong dots, out ulong hyphens, out ulong capitals, out ulong invalid)
        {
            ulong dotBits = 0, hyphenBits = 0, capitalBits = 0, invalidBits = 0;
            var chars = MemoryMarshal.Cast<char, ushort>(name);

            // Whole vectors, then one more that ends at the last character and overlaps the one before it.
            int last = chars.Length - 8;
            for (int start = 0; ; start += 8)
            {
                int at = Math.Min(start, last);
                Classify(Vector128.Create(chars.Slice(at, 8)), at, ref dotBits, ref hyphenBits, ref capitalBits, ref invalidBits);
                if (at == last)
                {
                    break;
                }
            }

            dots = dotBits;
            hyphens = hyphenBits;
            capitals = capitalBits;
            invalid = invalidBits;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Classify(Vector128<ushort> v, int at, ref ulong dots, ref ulong hyphens, ref ulong capitals, ref ulong invalid)
        {
            var dot = Vector128.Equals(v, Vector128.Create((ushort)'.'));
            var hyphen = Vector128.Equals(v, Vector128.Create((ushort)'-'));
            var capital = Vector128.LessThanOrEqual(v - Vector128.Create((ushort)'A'), Vector128.Create((ushort)('Z' - 'A')));
            var letter = Vector128.LessThanOrEqual((v | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)('z' - 'a')));
            var digit = Vector128.LessThanOrEqual(v - Vector128.Create((ushort)'0'), Vector128.Create((ushort)9));
            dots |= (ulong)dot.ExtractMostSignificantBits() << at;
            hyphens |= (ulong)hyphen.ExtractMostSignificantBits() << at;
            capitals |= (ulong)capital.ExtractMostSignificantBits() << at;
            invalid |= (ulong)(~(letter | digit | dot | hyphen)).ExtractMostSignificantBits() << at;
        }
#endif

        /// <summary>A name whose last label is all digits is an IPv4 address in disguise (RFC 3696 §2: no TLD is numeric).</summary>
        public static bool LooksLikeIpAddress(ReadOnlySpan<char> name)
        {
            int lastDot = name.LastIndexOf('.');
            var last = name.Slice(lastDot + 1);
            if (last.IsEmpty)
            {
                return false;
            }

            foreach (char c in last)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsLetterOrDigit(char c) =>
            (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;

        public static string Explain(DomainProblem problem, string value, int index)
        {
            string at = index < value.Length ? Messages.Format("NameCharacterAt", Printable(value[index]), index + 1) : Messages.Get("NameTheEnd");
            switch (problem)
            {
                case DomainProblem.Empty:
                    return Messages.Get("NameEmpty");
                case DomainProblem.TooLong:
                    return Messages.Format("NameTooLong", value.Length, MaxNameLength);
                case DomainProblem.EmptyLabel:
                    return Messages.Format("NameEmptyLabel", index + 1);
                case DomainProblem.LabelTooLong:
                    return Messages.Format("NameLabelTooLong", index + 1, MaxLabelLength);
                case DomainProblem.LeadingDot:
                    return Messages.Get("NameLeadingDot");
                case DomainProblem.TrailingDot:
                    return Messages.Get("NameTrailingDot");
                case DomainProblem.HyphenAtLabelEdge:
                    return Messages.Format("NameHyphenAtEdge", at);
                case DomainProblem.Underscore:
                    return Messages.Format("NameUnderscore", at);
                case DomainProblem.Asterisk:
                    return Messages.Format("NameAsterisk", at);
                case DomainProblem.Whitespace:
                    return Messages.Format("NameWhiteSpace", at);
                case DomainProblem.NonAscii:
                    return Messages.Format("NameNonAscii", at);
                default:
                    return Messages.Format("NameBadCharacter", at);
            }
        }

        internal static string Printable(char c) =>
            DisplayText.NeedsEscape(c) ? $"U+{(int)c:X4}" : c.ToString();

        /// <summary>The longest value a message repeats in full; a 10 MB id is not echoed back.</summary>
        internal const int MaxShownLength = 200;

        /// <summary>A value as an error message shows it: escaped by <see cref="DisplayText"/> and shortened.</summary>
        internal static string Shown(string? value) => value == null ? "(null)" : DisplayText.Escape(value, MaxShownLength);

        private static DomainProblem Classify(char c)
        {
            if (c == '_')
            {
                return DomainProblem.Underscore;
            }

            if (c == '*')
            {
                return DomainProblem.Asterisk;
            }

            if (c == ' ' || c == '\t')
            {
                return DomainProblem.Whitespace;
            }

            return c > 0x7F ? DomainProblem.NonAscii : DomainProblem.InvalidCharacter;
        }
    }
}
