using System;
using MtaSts.Diagnostics;
using MtaSts.Resources;
using MtaSts.Syntax;

namespace MtaSts.Policy
{
    /// <summary>
    /// One <c>mx</c> value of a policy (RFC 8461 §3.2 <c>sts-policy-mx-value = ["*."] Domain</c>): a host
    /// name, or <c>*.</c> plus a domain, standing for exactly one more label on the left (§4.1).
    /// Always held in lowercase A-label form. A small immutable value, so a policy's patterns sit inline in one array.
    /// </summary>
    public readonly struct MxPattern : IEquatable<MxPattern>
    {
        private readonly DomainShape shape;

        private MxPattern(string value, DomainShape shape)
        {
            Value = value;
            IsWildcard = value.Length > 2 && value[0] == '*';
            this.shape = shape;
        }

        /// <summary>The pattern as it is written in the policy, e.g. <c>*.mail.example.com</c>.</summary>
        public string Value { get; }

        /// <summary>True for a <c>*.</c> pattern.</summary>
        public bool IsWildcard { get; }

        /// <summary>The domain part: the pattern without its <c>*.</c> prefix.</summary>
        public string Domain => IsWildcard ? Value.Substring(2) : Value;

        /// <summary>
        /// Reads a pattern typed by a person: U-labels become A-labels, case and one trailing dot are
        /// normalised. Anything else that is not RFC 5321 syntax throws <see cref="MtaStsFormatException"/>.
        /// </summary>
        public static MxPattern Parse(string input)
        {
            string? reason = TryParse(input, out MxPattern pattern);
            if (reason != null)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.MxPatternInvalid, Severity.Error,
                    Messages.Format("MxPatternInvalid", DomainSyntax.Shown(input), reason),
                    "RFC 8461 §3.2, RFC 5321 §4.1.2", Target: input));
            }

            return pattern;
        }

        /// <summary>Like <see cref="Parse"/>, but returns the reason instead of throwing (null when valid).</summary>
        public static string? TryParse(string? input, out MxPattern pattern)
        {
            pattern = default;
            if (input == null)
            {
                return Messages.Get("NameEmpty");
            }

            bool wildcard = input.StartsWith("*.", StringComparison.Ordinal);
            if (input == "*" || input == "*.")
            {
                return Messages.Get("MxWildcardWithoutDomain");
            }

            string? reason = DomainNameInput.TryNormalize(wildcard ? input.Substring(2) : input, out string domain);
            if (reason != null)
            {
                return reason;
            }

            if (wildcard && domain.Length > DomainSyntax.MaxNameLength - 2)
            {
                return Messages.Format("MxWildcardTooLong", DomainSyntax.MaxNameLength);
            }

            DomainSyntax.Check(domain.AsSpan(), out _, out DomainShape shape);
            pattern = new MxPattern(wildcard ? "*." + domain : domain, shape);
            return null;
        }

        /// <summary>Builds a pattern from text that already passed the policy grammar, with the shape its check found.</summary>
        internal static MxPattern FromValidatedSyntax(ReadOnlySpan<char> value, DomainShape shape)
        {
            string text = value.ToString();
            return new MxPattern((shape & DomainShape.HasUppercase) != 0 ? DomainNameInput.ToLowerAscii(text) : text, shape & ~DomainShape.HasUppercase);
        }

        /// <summary>A pattern from lowercase ASCII that passed the policy grammar, with more than one label, the last not all digits.</summary>
        internal static MxPattern FromPlainName(string value) => new MxPattern(value, DomainShape.None);

        /// <summary>True when the domain part's last label is all digits: an IPv4 address written as a name.</summary>
        internal bool LooksLikeIpAddress => (shape & DomainShape.NumericLastLabel) != 0;

        /// <summary>True when the domain part is one label (e.g. 'localhost', or 'com' in '*.com').</summary>
        internal bool IsSingleLabel => (shape & DomainShape.SingleLabel) != 0;

        /// <summary>
        /// RFC 8461 §4.1: does the MX host (the MX record's target) match this pattern? Case and one trailing
        /// dot are ignored and U-labels are compared as A-labels; <c>*.</c> covers exactly one leftmost label.
        /// </summary>
        public bool Matches(string mxHost) =>
            DomainNameInput.TryForComparison(mxHost, out var host) && Matches(host);

        /// <summary>Matches a host already in comparison form (see DomainNameInput.TryForComparison).</summary>
        internal bool Matches(ReadOnlySpan<char> host)
        {
            if (Value == null)
            {
                return false;
            }

            if (!IsWildcard)
            {
                return host.Equals(Value.AsSpan(), StringComparison.OrdinalIgnoreCase);
            }

            int firstDot = host.IndexOf('.');
            return firstDot > 0 && host.Slice(firstDot + 1).Equals(Value.AsSpan(2), StringComparison.OrdinalIgnoreCase);
        }

        public bool Equals(MxPattern other) => string.Equals(other.Value, Value, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is MxPattern other && Equals(other);

        public override int GetHashCode() => Value == null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

        public static bool operator ==(MxPattern left, MxPattern right) => left.Equals(right);

        public static bool operator !=(MxPattern left, MxPattern right) => !left.Equals(right);

        public override string ToString() => Value;
    }
}
