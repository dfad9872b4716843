using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>A twiddle factor for four lanes: w, its Shoup constant and the double w/q (see <see cref="Twiddle"/>).</summary>
internal readonly struct Twiddle256
{
    private const double TwoPowMinus64 = 1.0 / 18446744073709551616.0;

    public Twiddle256(Vector256<ulong> w, Vector256<ulong> shoup, Vector256<double> ratio)
    {
        W = w;
        Shoup = shoup;
        Ratio = ratio;
    }

    /// <summary>The twiddle residues.</summary>
    public Vector256<ulong> W { get; }

    /// <summary>Their Shoup constants.</summary>
    public Vector256<ulong> Shoup { get; }

    /// <summary>w/q in double precision (only filled when the multiplier needs it).</summary>
    public Vector256<double> Ratio { get; }

    /// <summary>The same twiddle in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Twiddle256 Broadcast<TMul>(ulong w, ulong shoup)
        where TMul : struct, ILazyMul256
        => new(Vector256.Create(w), Vector256.Create(shoup), TMul.NeedsRatio ? Vector256.Create(shoup * TwoPowMinus64) : default);

    /// <summary>Per-lane twiddles; AVX2 has no 64-bit integer → double conversion, so each 32-bit half goes through the 2^52 magic constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Twiddle256 Lanes<TMul>(Vector256<ulong> w, Vector256<ulong> shoup)
        where TMul : struct, ILazyMul256
    {
        if (!TMul.NeedsRatio)
        {
            return new(w, shoup, default);
        }

        Vector256<ulong> magic = Vector256.Create(0x4330_0000_0000_0000UL);
        Vector256<double> magicD = magic.AsDouble();
        Vector256<double> hi = (Avx2.ShiftRightLogical(shoup, 32) | magic).AsDouble() - magicD;
        Vector256<double> lo = ((shoup & Vector256.Create(0xFFFF_FFFFUL)) | magic).AsDouble() - magicD;
        return new(w, shoup, hi * Vector256.Create(1.0 / 4294967296.0) + lo * Vector256.Create(TwoPowMinus64));
    }
}

/// <summary>A lane-wise lazy modular product y·w mod q in [0, 2q) for y &lt; 4q, four lanes (AVX2).</summary>
internal interface ILazyMul256
{
    /// <summary>Whether <see cref="Twiddle256.Ratio"/> must be filled.</summary>
    static abstract bool NeedsRatio { get; }

    /// <summary>Returns y·w mod q in [0, 2q) for y &lt; 4q.</summary>
    static abstract Vector256<ulong> Mul(Vector256<ulong> y, in Twiddle256 w, Vector256<ulong> q);
}

/// <summary>Shoup's product with the emulated 64-bit high multiply; any prime up to 61 bits.</summary>
internal readonly struct ShoupMul256 : ILazyMul256
{
    public static bool NeedsRatio => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Mul(Vector256<ulong> y, in Twiddle256 w, Vector256<ulong> q) => VectorMath256.MulShoupLazy(y, w.W, w.Shoup, q);
}

/// <summary>
/// Quotient estimate Q = round(double(y)·(w/q)) for primes &lt; 2^48: y &lt; 4q &lt; 2^50 converts exactly through the 2^52 magic constant, the
/// product's error is below 1/4, so Q ∈ {⌊y·w/q⌋, ⌊y·w/q⌋ + 1}; r = y·w − Q·q (low products) lies in [−q, q) and a signed compare adds q back.
/// </summary>
internal readonly struct FloatQuotientMul256 : ILazyMul256
{
    private const ulong MagicBits = 0x4330_0000_0000_0000UL; // the double 2^52

    public static bool NeedsRatio => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Mul(Vector256<ulong> y, in Twiddle256 w, Vector256<ulong> q)
    {
        Vector256<ulong> magic = Vector256.Create(MagicBits);
        Vector256<double> magicD = magic.AsDouble();
        Vector256<double> yd = (y | magic).AsDouble() - magicD;               // exact: y < 2^52
        Vector256<ulong> quotient = ((yd * w.Ratio) + magicD).AsUInt64() - magic; // round to nearest (0 ≤ product < 2^51)
        Vector256<ulong> r = VectorMath256.MulLow(y, w.W) - VectorMath256.MulLow(quotient, q);
        Vector256<ulong> negative = Avx2.CompareGreaterThan(Vector256<long>.Zero, r.AsInt64()).AsUInt64();
        return r + (negative & q);
    }
}
