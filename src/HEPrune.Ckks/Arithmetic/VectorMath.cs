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
}
