namespace MtaSts.Checking
{
    /// <summary>The one piece of DER (X.690 §8.1.3) the certificate checks read by hand: a definite length.</summary>
    internal static class Der
    {
        /// <summary>Reads the length at <paramref name="pos"/> (short form, or long form of up to three bytes) and moves past it.</summary>
        public static bool TryReadLength(byte[] der, ref int pos, out int length)
        {
            length = 0;
            if (pos >= der.Length)
            {
                return false;
            }

            int first = der[pos++];
            if (first < 0x80)
            {
                length = first;
                return true;
            }

            int count = first & 0x7F;
            if (count == 0 || count > 3 || pos + count > der.Length)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                length = (length << 8) | der[pos++];
            }

            return true;
        }
    }
}
