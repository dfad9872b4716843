using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Scheme;

/// <summary>Reduces integer-valued doubles (any magnitude) modulo a prime exactly, from their binary representation.</summary>
internal static class ExactRounding
{
    /// <summary>Returns v mod q for an integer-valued finite double v.</summary>
    public static ulong Residue(double v, Modulus q)
    {
        if (Math.Abs(v) < 9.2e18)
        {
            return q.FromSigned((long)v);
        }

        long bits = BitConverter.DoubleToInt64Bits(v);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1075;
        long mantissa = (bits & 0xF_FFFF_FFFF_FFFFL) | (1L << 52);
        if (v < 0)
        {
            mantissa = -mantissa;
        }

        return q.Mul(q.FromSigned(mantissa), q.Pow(2, (ulong)exponent));
    }
}
