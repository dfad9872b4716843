using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>AVX2 helpers for 64-bit modular arithmetic (four lanes); callers must check <see cref="IsSupported"/>.</summary>
/// <remarks>
/// AVX2 has neither a 64-bit low multiply nor an unsigned 64-bit minimum: products are built from 32×32→64 <c>vpmuludq</c>, and the
/// conditional subtraction uses a signed compare, which is exact because every value handled stays below 2^63 (q &lt; 2^61, lazy values &lt; 4q).
/// </remarks>
internal static class VectorMath256
{
    /// <summary>Whether the AVX2 kernels can run on this machine.</summary>
    public static bool IsSupported => Avx2.IsSupported;

    private static readonly Vector256<ulong> s_low32 = Vector256.Create(0xFFFF_FFFFUL);

    /// <summary>Returns the high 64 bits of each lane's 64×64-bit product, built exactly from four 32×32→64 products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MulHigh(Vector256<ulong> x, Vector256<ulong> w)
    {
        Vector256<ulong> xh = Avx2.ShiftRightLogical(x, 32);
        Vector256<ulong> wh = Avx2.ShiftRightLogical(w, 32);
        Vector256<ulong> ll = Avx2.Multiply(x.AsUInt32(), w.AsUInt32());
        Vector256<ulong> lh = Avx2.Multiply(x.AsUInt32(), wh.AsUInt32());
        Vector256<ulong> hl = Avx2.Multiply(xh.AsUInt32(), w.AsUInt32());
        Vector256<ulong> hh = Avx2.Multiply(xh.AsUInt32(), wh.AsUInt32());
        Vector256<ulong> mid = Avx2.ShiftRightLogical(ll, 32) + (lh & s_low32) + (hl & s_low32);
        return hh + Avx2.ShiftRightLogical(lh, 32) + Avx2.ShiftRightLogical(hl, 32) + Avx2.ShiftRightLogical(mid, 32);
    }

    /// <summary>Returns the low 64 bits of each lane's product (three 32×32→64 products).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MulLow(Vector256<ulong> x, Vector256<ulong> w)
    {
        Vector256<ulong> ll = Avx2.Multiply(x.AsUInt32(), w.AsUInt32());
        Vector256<ulong> cross = Avx2.Multiply(Avx2.ShiftRightLogical(x, 32).AsUInt32(), w.AsUInt32())
            + Avx2.Multiply(x.AsUInt32(), Avx2.ShiftRightLogical(w, 32).AsUInt32());
        return ll + Avx2.ShiftLeftLogical(cross, 32);
    }

    /// <summary>Lane-wise x·w mod q in [0, 2q) (Shoup), any 64-bit x, w &lt; q with Shoup constant ws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MulShoupLazy(Vector256<ulong> x, Vector256<ulong> w, Vector256<ulong> ws, Vector256<ulong> q)
        => MulLow(x, w) - MulLow(MulHigh(x, ws), q);

    /// <summary>Lane-wise conditional subtraction x ≥ m ? x − m : x, for x &lt; 2m and x, m &lt; 2^63.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ReduceOnce(Vector256<ulong> x, Vector256<ulong> m)
        => x - Avx2.AndNot(Avx2.CompareGreaterThan(m.AsInt64(), x.AsInt64()).AsUInt64(), m);

    /// <summary>
    /// Lane-wise a·b mod q in [0, q) for a, b &lt; q &lt; 2^49: quotient round(double(a)·double(b)·(1/q)) through the 2^52 magic constant
    /// (error &lt; 0.2, so Q ∈ {⌊ab/q⌋, ⌊ab/q⌋ + 1}), r = a·b − Q·q in [−q, q), plus q when negative.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MulModFloat(Vector256<ulong> a, Vector256<ulong> b, Vector256<double> qInv, Vector256<ulong> q)
    {
        Vector256<ulong> magic = Vector256.Create(0x4330_0000_0000_0000UL);
        Vector256<double> magicD = magic.AsDouble();
        Vector256<double> c = ((a | magic).AsDouble() - magicD) * ((b | magic).AsDouble() - magicD) * qInv;
        Vector256<ulong> quotient = (c + magicD).AsUInt64() - magic;
        Vector256<ulong> r = MulLow(a, b) - MulLow(quotient, q);
        return r + (Avx2.CompareGreaterThan(Vector256<long>.Zero, r.AsInt64()).AsUInt64() & q);
    }
}
