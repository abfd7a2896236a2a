using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace MtaSts
{
    /// <summary>
    /// The first 128 bits of SHA-256 over a text's UTF-16 code units: what a set of things seen (reports, files) keeps instead of the text, so
    /// that a run over a year of reports or a folder of 100,000 files holds 16 bytes for each, however long the text. A
    /// cryptographic hash means hostile input cannot craft a collision that hides another report.
    /// </summary>
    public readonly struct TextHash : IEquatable<TextHash>
    {
#if !NET8_0_OR_GREATER
        [ThreadStatic]
        private static SHA256? sha256;
#endif

        private readonly ulong high;
        private readonly ulong low;

        private TextHash(ulong high, ulong low)
        {
            this.high = high;
            this.low = low;
        }

        public static TextHash Of(string text)
        {
            // The UTF-16 code units themselves: an encoding would map every unpaired surrogate to U+FFFD and make distinct texts equal.
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes((text ?? throw new ArgumentNullException(nameof(text))).AsSpan());
#if NET8_0_OR_GREATER
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(bytes, hash);
#else
            byte[] hash = (sha256 ??= SHA256.Create()).ComputeHash(bytes.ToArray());
#endif
            return new TextHash(ReadUInt64(hash, 0), ReadUInt64(hash, 8));
        }

        public bool Equals(TextHash other) => high == other.high && low == other.low;

        public override bool Equals(object? obj) => obj is TextHash other && Equals(other);

        public override int GetHashCode() => unchecked((int)low);

        private static ulong ReadUInt64(ReadOnlySpan<byte> bytes, int offset)
        {
            ulong value = 0;
            for (int i = offset; i < offset + 8; i++)
            {
                value = (value << 8) | bytes[i];
            }

            return value;
        }
    }
}
