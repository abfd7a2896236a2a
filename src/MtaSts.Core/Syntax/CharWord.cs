using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MtaSts.Syntax
{
    /// <summary>Four characters read as one 64-bit word in the machine's byte order, so that keywords compare at once.</summary>
    internal static class CharWord
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong At(ReadOnlySpan<char> s, int start) =>
            MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(s.Slice(start, 4)));

        public static ulong Of(string fourCharacters) => At(fourCharacters.AsSpan(), 0);
    }
}
