using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>AVX-512 helpers for 64-bit modular arithmetic (eight lanes); callers must check <see cref="IsSupported"/>.</summary>
internal static class VectorMath
{
    /// <summary>Whether the AVX-512 F+DQ kernels can run on this machine.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Avx512DQ.IsSupported;

    private static readonly Vector512<ulong> s_low32 = Vector512.Create(0xFFFF_FFFFUL);

    /// <summary>Returns the high 64 bits of each lane's 64×64-bit product, built exactly from four 32×32→64 products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MulHigh(Vector512<ulong> x, Vector512<ulong> w)
    {
        Vector512<ulong> xh = Avx512F.ShiftRightLogical(x, 32);
        Vector512<ulong> wh = Avx512F.ShiftRightLogical(w, 32);
        Vector512<ulong> ll = Avx512F.Multiply(x.AsUInt32(), w.AsUInt32());
        Vector512<ulong> lh = Avx512F.Multiply(x.AsUInt32(), wh.AsUInt32());
        Vector512<ulong> hl = Avx512F.Multiply(xh.AsUInt32(), w.AsUInt32());
        Vector512<ulong> hh = Avx512F.Multiply(xh.AsUInt32(), wh.AsUInt32());
        Vector512<ulong> mid = Avx512F.ShiftRightLogical(ll, 32) + (lh & s_low32) + (hl & s_low32);
        return hh + Avx512F.ShiftRightLogical(lh, 32) + Avx512F.ShiftRightLogical(hl, 32) + Avx512F.ShiftRightLogical(mid, 32);
    }

    /// <summary>Lane-wise x·w mod q in [0, 2q) (Shoup), any 64-bit x, w &lt; q with Shoup constant ws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MulShoupLazy(Vector512<ulong> x, Vector512<ulong> w, Vector512<ulong> ws, Vector512<ulong> q)
        => Avx512DQ.MultiplyLow(x, w) - Avx512DQ.MultiplyLow(MulHigh(x, ws), q);

    /// <summary>Lane-wise conditional subtraction: x ≥ m ? x − m : x (unsigned minimum trick).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ReduceOnce(Vector512<ulong> x, Vector512<ulong> m) => Avx512F.Min(x, x - m);

    /// <summary>
    /// Lane-wise a·b mod q in [0, q) for a, b &lt; q &lt; 2^49: quotient trunc(double(a)·double(b)·(1/q)) (error &lt; 0.2, so off by at most one),
    /// r = a·b − Q·q from low products in [−q, 2q), then two unsigned-min corrections. <paramref name="qInv"/> is double(1/q).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MulModFloat(Vector512<ulong> a, Vector512<ulong> b, Vector512<double> qInv, Vector512<ulong> q)
    {
        Vector512<double> c = Avx512DQ.ConvertToVector512Double(a) * Avx512DQ.ConvertToVector512Double(b) * qInv;
        Vector512<ulong> quotient = Avx512DQ.ConvertToVector512UInt64WithTruncation(c);
        Vector512<ulong> r = Avx512DQ.MultiplyLow(a, b) - Avx512DQ.MultiplyLow(quotient, q);
        r = Avx512F.Min(r, r + q);
        return Avx512F.Min(r, r - q);
    }

    /// <summary>The Barrett constant of <see cref="MulModBarrett"/> for a k-bit modulus q: ⌊2^(k+62)/q⌋ (below 2^63).</summary>
    public static ulong BarrettWideConstant(Modulus m) => (ulong)((UInt128.One << (m.BitCount + 62)) / m.Value);

    /// <summary>
    /// Lane-wise a·b mod q in [0, q) for a, b &lt; q, any k-bit q (k = <paramref name="bits"/> ≤ 61): the exact 128-bit product x (high half
    /// emulated, low half <c>vpmullq</c>), x' = ⌊x/2^(k−2)⌋ &lt; 2^63, quotient Q = ⌊x'·μ/2^64⌋ with μ = <see cref="BarrettWideConstant"/>,
    /// which lies in [⌊x/q⌋ − 2, ⌊x/q⌋]; r = x − Q·q (low words) in [0, 3q), then two conditional subtractions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MulModBarrett(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> q, Vector512<ulong> q2, Vector512<ulong> mu, int bits)
    {
        Vector512<ulong> hi = MulHigh(a, b);
        Vector512<ulong> lo = Avx512DQ.MultiplyLow(a, b);
        Vector512<ulong> x = Vector512.ShiftLeft(hi, 66 - bits) | Vector512.ShiftRightLogical(lo, bits - 2);
        Vector512<ulong> quotient = MulHigh(x, mu);
        Vector512<ulong> r = lo - Avx512DQ.MultiplyLow(quotient, q);
        r = Avx512F.Min(r, r - q2);
        return Avx512F.Min(r, r - q);
    }
}
