using System.Globalization;
using System;
using MtaSts.Diagnostics;
using MtaSts.Resources;
using MtaSts.Syntax;

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

        /// <summary>
        /// The id that belongs to exactly these policy bytes: the first 32 hex digits of their SHA-256. It is the same on
        /// every run and every copy of the same file, and differs as soon as one byte does, so it changes exactly when
        /// the policy does (RFC 8461 §3.1), whatever file times or clocks say.
        /// </summary>
        public static string FromContent(byte[] policyBytes)
        {
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                var hex = new System.Text.StringBuilder(MaxLength);
                foreach (byte b in sha.ComputeHash(policyBytes ?? throw new ArgumentNullException(nameof(policyBytes))))
                {
                    hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    if (hex.Length == MaxLength)
                    {
                        break;
                    }
                }

                return hex.ToString();
            }
        }

        /// <summary>A new id from the clock's current time.</summary>
        public static string New(Clock clock) => FromTime((clock ?? throw new ArgumentNullException(nameof(clock))).UtcNow);

        /// <summary>Null when <paramref name="id"/> is a valid id, otherwise why it is not.</summary>
        public static string? Check(string? id) => id == null ? Messages.Get("IdEmpty") : Check(id.AsSpan());

        /// <summary>Null when <paramref name="id"/> is a valid id, otherwise why it is not.</summary>
        public static string? Check(ReadOnlySpan<char> id)
        {
            if (id.IsEmpty)
            {
                return Messages.Get("IdEmpty");
            }

            if (id.Length > MaxLength)
            {
                return Messages.Format("IdTooLong", id.Length, MaxLength);
            }

            for (int i = 0; i < id.Length; i++)
            {
                if (!DomainSyntax.IsLetterOrDigit(id[i]))
                {
                    return Messages.Format("IdCharacter", DomainSyntax.Printable(id[i]), i + 1);
                }
            }

            return null;
        }

        /// <summary>Returns <paramref name="id"/> when valid, otherwise throws <see cref="MtaStsFormatException"/>.</summary>
        public static string Validate(string? id, Clock? clock = null)
        {
            string? reason = Check(id);
            if (reason != null)
            {
                throw new MtaStsFormatException(new Finding(ErrorCodes.IdInvalid, Severity.Error,
                    Messages.Format("IdInvalid", DomainSyntax.Shown(id), reason, MaxLength, FromTime((clock ?? Clock.System).UtcNow)),
                    "RFC 8461 §3.1", Target: id));
            }

            return id!;
        }
    }
}
