using System;
using System.Globalization;
using MtaSts.Validation;

namespace MtaSts.Records
{
    /// <summary>
    /// The policy id of the <c>_mta-sts</c> TXT record: 1 to 32 letters and digits (RFC 8461 §3.1). It must
    /// change whenever the policy changes; senders only compare it for equality.
    /// </summary>
    public static class StsId
    {
        public const int MaxLength = 32;

        /// <summary>The conventional id: the UTC time as <c>yyyyMMddHHmmss</c> followed by <c>Z</c>, e.g. <c>20260101120000Z</c>.</summary>
        public static string FromTime(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

        /// <summary>A new id from the clock's current time.</summary>
        public static string New(Clock clock) => FromTime((clock ?? throw new ArgumentNullException(nameof(clock))).UtcNow);

        /// <summary>Null when <paramref name="id"/> is a valid id, otherwise why it is not.</summary>
        public static string? Check(string? id) => id == null ? "the id is empty" : Check(id.AsSpan());

        /// <summary>Null when <paramref name="id"/> is a valid id, otherwise why it is not.</summary>
        public static string? Check(ReadOnlySpan<char> id)
        {
            if (id.IsEmpty)
            {
                return "the id is empty";
            }

            if (id.Length > MaxLength)
            {
                return $"it is {id.Length} characters long; an id is at most {MaxLength}";
            }

            for (int i = 0; i < id.Length; i++)
            {
                if (!DomainSyntax.IsLetterOrDigit(id[i]))
                {
                    return $"'{DomainSyntax.Printable(id[i])}' at position {i + 1} is not a letter or digit (ISO dates such as 2026-01-01T12:00:00Z are not allowed; 20260101T120000Z is)";
                }
            }

            return null;
        }

        /// <summary>Returns <paramref name="id"/> when valid, otherwise throws <see cref="MtaStsFormatException"/>.</summary>
        public static string Validate(string? id)
        {
            string? reason = Check(id);
            if (reason != null)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.IdInvalid, Severity.Error,
                    $"'{DomainSyntax.Shown(id)}' is not a valid MTA-STS id: {reason}. Use 1 to {MaxLength} letters and digits, or leave the id out to get the current UTC time ({FromTime(DateTimeOffset.UtcNow)}).",
                    "RFC 8461 §3.1", target: id));
            }

            return id!;
        }
    }
}
