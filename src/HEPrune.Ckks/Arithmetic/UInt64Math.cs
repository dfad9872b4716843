using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>Computes 64×64→128-bit products and other word-level helpers used by the modular arithmetic.</summary>
public static class UInt64Math
{
    /// <summary>Returns the high 64 bits of the 128-bit product <paramref name="a"/>·<paramref name="b"/> (one <c>mulx</c> with BMI2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulHigh(ulong a, ulong b)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.MultiplyNoFlags(a, b);
        }

        return Math.BigMul(a, b, out _);
    }

    /// <summary>Returns x − m if x ≥ m, else x, without a branch (requires x &lt; 2m and m &lt; 2^63).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ReduceOnce(ulong x, ulong m)
    {
        ulong t = x - m;
        return t + (m & (ulong)((long)t >> 63));
    }

    /// <summary>Returns the reversal of the lowest <paramref name="bits"/> bits of <paramref name="x"/>.</summary>
    public static int BitReverse(int x, int bits)
    {
        uint r = ReverseBits((uint)x);
        return bits == 0 ? 0 : (int)(r >> (32 - bits));
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
