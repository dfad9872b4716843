using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>A twiddle factor w for eight lanes: w, its Shoup constant ⌊w·2^64/q⌋ and the double w/q (≈ Shoup constant · 2^−64).</summary>
internal readonly struct Twiddle
{
    private const double TwoPowMinus64 = 1.0 / 18446744073709551616.0;

    public Twiddle(Vector512<ulong> w, Vector512<ulong> shoup, Vector512<double> ratio)
    {
        W = w;
        Shoup = shoup;
        Ratio = ratio;
    }

    /// <summary>The twiddle residues.</summary>
    public Vector512<ulong> W { get; }

    /// <summary>Their Shoup constants.</summary>
    public Vector512<ulong> Shoup { get; }

    /// <summary>w/q in double precision (only filled when the multiplier needs it).</summary>
    public Vector512<double> Ratio { get; }

    /// <summary>The same twiddle in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Twiddle Broadcast<TMul>(ulong w, ulong shoup)
        where TMul : struct, ILazyMul
        => new(Vector512.Create(w), Vector512.Create(shoup), TMul.NeedsRatio ? Vector512.Create(shoup * TwoPowMinus64) : default);

    /// <summary>Per-lane twiddles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Twiddle Lanes<TMul>(Vector512<ulong> w, Vector512<ulong> shoup)
        where TMul : struct, ILazyMul
        => new(w, shoup, TMul.NeedsRatio ? Avx512DQ.ConvertToVector512Double(shoup) * Vector512.Create(TwoPowMinus64) : default);
}

/// <summary>A lane-wise lazy modular product y·w mod q in [0, 2q), for y &lt; 4q; implemented by structs so the NTT is specialised per strategy.</summary>
internal interface ILazyMul
{
    /// <summary>Whether <see cref="Twiddle.Ratio"/> must be filled.</summary>
    static abstract bool NeedsRatio { get; }

    /// <summary>Returns y·w mod q in [0, 2q) for y &lt; 4q.</summary>
    static abstract Vector512<ulong> Mul(Vector512<ulong> y, in Twiddle w, Vector512<ulong> q);
}

/// <summary>Shoup's product with the exact (emulated) 64-bit high multiply; any prime up to 61 bits.</summary>
internal readonly struct ShoupMul : ILazyMul
{
    public static bool NeedsRatio => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Mul(Vector512<ulong> y, in Twiddle w, Vector512<ulong> q) => VectorMath.MulShoupLazy(y, w.W, w.Shoup, q);
}

/// <summary>
/// Quotient ⌊y·w/q⌋ estimated as trunc(double(y)·(w/q)): exact operands (y &lt; 4q &lt; 2^51), relative error ≤ ~2^−52, so the estimate Q is off by
/// at most one; r = y·w − Q·q (mod 2^64, low products) lies in [−q, 2q), and min(r, r + q) (unsigned) maps it into [0, 2q). Primes &lt; 2^49.
/// </summary>
internal readonly struct FloatQuotientMul : ILazyMul
{
    public static bool NeedsRatio => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Mul(Vector512<ulong> y, in Twiddle w, Vector512<ulong> q)
    {
        Vector512<ulong> quotient = Avx512DQ.ConvertToVector512UInt64WithTruncation(Avx512DQ.ConvertToVector512Double(y) * w.Ratio);
        Vector512<ulong> r = Avx512DQ.MultiplyLow(y, w.W) - Avx512DQ.MultiplyLow(quotient, q);
        return Avx512F.Min(r, r + q);
    }
}

/// <summary>
/// Shoup's product with a three-multiply quotient for primes too wide for <see cref="FloatQuotientMul"/> (50–61 bits). With y = y_h·2^32 + y_l
/// and the Shoup constant w' = w'_h·2^32 + w'_l, the exact quotient ⌊y·w'/2^64⌋ is y_h·w'_h + ⌊((y_h·w'_l + y_l·w'_h)·2^32 + y_l·w'_l)/2^64⌋;
/// the estimate Q = y_h·w'_h + ⌊y_h·w'_l/2^32⌋ + ⌊y_l·w'_h/2^32⌋ drops the low halves of the two middle products and y_l·w'_l (three terms below
/// 2^64 each, together below 3·2^64), so it is the exact quotient minus 0, 1 or 2. Then r = y·w − Q·q (low products) lies in [0, 4q) (4q &lt; 2^63), and one conditional subtraction of 2q gives Harvey's
/// lazy range [0, 2q). Congruent to the exact Shoup product; the transforms' reduced outputs are therefore bit-identical to the scalar code.
/// </summary>
internal readonly struct ShoupMulThreeProducts : ILazyMul
{
    public static bool NeedsRatio => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Mul(Vector512<ulong> y, in Twiddle w, Vector512<ulong> q)
    {
        Vector512<ulong> yh = Avx512F.ShiftRightLogical(y, 32);
        Vector512<ulong> sh = Avx512F.ShiftRightLogical(w.Shoup, 32);
        Vector512<ulong> quotient = Avx512F.Multiply(yh.AsUInt32(), sh.AsUInt32())
            + Avx512F.ShiftRightLogical(Avx512F.Multiply(yh.AsUInt32(), w.Shoup.AsUInt32()), 32)
            + Avx512F.ShiftRightLogical(Avx512F.Multiply(y.AsUInt32(), sh.AsUInt32()), 32);
        Vector512<ulong> r = Avx512DQ.MultiplyLow(y, w.W) - Avx512DQ.MultiplyLow(quotient, q);
        return Avx512F.Min(r, r - (q + q));
    }
}
