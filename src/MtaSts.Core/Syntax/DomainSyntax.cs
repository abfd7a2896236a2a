using System;
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

        private const int Lower = 1, Digit = 2, Upper = 4, Dot = 8, Dash = 16, Invalid = 32;

        private static readonly byte[] CharClass = BuildCharClasses();

        /// <summary>
        /// The common case without a branch per character: a valid name of at most 63 characters (so no label or name
        /// can be too long), with its shape. False means "not shown valid here": the careful loop then finds the problem.
        /// </summary>
        private static bool IsShortValidName(ReadOnlySpan<char> name, out DomainShape shape)
        {
            shape = DomainShape.None;
            if (name.IsEmpty || name.Length > MaxLabelLength)
            {
                return false;
            }

            // A dot is imagined before and after the name, so a name that starts or ends with a dot or hyphen
            // shows up as one of the forbidden pairs: dot-dot (empty label), dot-hyphen and hyphen-dot (RFC 5321 §4.1.2).
            int previous = Dot;
            int seen = 0;
            int bad = 0;
            int lastLabelLetters = 0;
            foreach (char c in name)
            {
                int current = c < CharClass.Length ? CharClass[c] : Invalid;
                bad |= (current & Invalid) | (previous & Dot & (current | (current >> 1))) | ((previous >> 1) & current & Dot);
                lastLabelLetters = (lastLabelLetters | (current & (Lower | Upper | Dash))) & (((current & Dot) >> 3) - 1);
                seen |= current;
                previous = current;
            }

            bad |= previous & Dot | ((previous >> 1) & Dot);
            if (bad != 0)
            {
                return false;
            }

            shape = ((seen & Upper) != 0 ? DomainShape.HasUppercase : DomainShape.None)
                | ((seen & Dot) == 0 ? DomainShape.SingleLabel : DomainShape.None)
                | (lastLabelLetters == 0 ? DomainShape.NumericLastLabel : DomainShape.None);
            return true;
        }

        private static byte[] BuildCharClasses()
        {
            var classes = new byte[128];
            for (int c = 0; c < classes.Length; c++)
            {
                classes[c] = (byte)(c >= 'a' && c <= 'z' ? Lower
                    : c >= '0' && c <= '9' ? Digit
                    : c >= 'A' && c <= 'Z' ? Upper
                    : c == '.' ? Dot
                    : c == '-' ? Dash
                    : Invalid);
            }

            return classes;
        }

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
