using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Rings;

/// <summary>Reduction constants of one target prime t of a basis conversion (see <see cref="BasisConversionKernel"/>).</summary>
internal readonly struct ConversionTarget
{
    /// <summary>Precomputes the constants of <paramref name="t"/>.</summary>
    public ConversionTarget(Modulus t)
    {
        Modulus = t;
        Barrett = t.BarrettRatioHigh;
        W32 = (1UL << 32) % t.Value;
        W32Shoup = t.ShoupOf(W32);
        W64 = t.Reduce128(1, 0);
        W64Shoup = t.ShoupOf(W64);
    }

    /// <summary>The target prime.</summary>
    public Modulus Modulus { get; }

    /// <summary>⌊2^64/t⌋ (one-word Barrett constant).</summary>
    public ulong Barrett { get; }

    /// <summary>2^32 mod t.</summary>
    public ulong W32 { get; }

    /// <summary>Shoup constant of <see cref="W32"/>.</summary>
    public ulong W32Shoup { get; }

    /// <summary>2^64 mod t.</summary>
    public ulong W64 { get; }

    /// <summary>Shoup constant of <see cref="W64"/>.</summary>
    public ulong W64Shoup { get; }
}

/// <summary>
/// The inner loop of the fast basis conversion on one target prime t: dst[j] = (Σ_i y_i[j]·c_i + u[j]·c_u) mod t, exactly, for y_i, c_i, c_u &lt; 2^61,
/// u[j] small and at most 32 source terms. Scalar (128-bit accumulation, one Barrett reduction), AVX-512 and AVX2 paths give identical results.
/// </summary>
/// <remarks>
/// Vector paths: each 64×64-bit product is split into 32×32→64 products (<c>vpmuludq</c>): with y = y_h·2^32 + y_l and c = c_h·2^32 + c_l,
/// p0 = y_l·c_l &lt; 2^64, p1 = y_l·c_h + y_h·c_l &lt; 2^62, p2 = y_h·c_h &lt; 2^58 (y_h, c_h &lt; 2^29). Three 64-bit lane accumulators collect
/// A0 += p0 mod 2^32, A1 += ⌊p0/2^32⌋ + (p1 mod 2^32), A2 += p2 + ⌊p1/2^32⌋, so the sum is A0 + A1·2^32 + A2·2^64 with no overflow for
/// ≤ 33 terms (A2 &lt; 33·(2^58 + 2^30) &lt; 2^64). It is reduced by A0 mod t (Barrett) + A1·(2^32 mod t) + A2·(2^64 mod t) (Shoup), each
/// lazy in [0, 2t), and three conditional subtractions.
/// </remarks>
internal static class BasisConversionKernel
{
    /// <summary>Most terms (source limbs, plus the quotient term) one call may sum.</summary>
    public const int MaxTerms = 33;

    /// <summary>
    /// dst[j] = (Σ_{i&lt;a} y[i·stride + j]·c[i] + u[j]·cu) mod t for j &lt; len; <paramref name="u"/> may be null (no quotient term).
    /// <paramref name="cHi"/> holds c[i] &gt;&gt; 32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void DotMod(
        ulong* y, int a, int stride, ulong* u, ulong cu, int len, ulong* c, ulong* cHi, ulong* dst, in ConversionTarget target, SimdPath path)
    {
        int j = 0;
        if (path == SimdPath.Vector512 && VectorMath.IsSupported)
        {
            j = DotMod512(y, a, stride, u, cu, len, c, cHi, dst, target);
        }
        else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
        {
            j = DotMod256(y, a, stride, u, cu, len, c, cHi, dst, target);
        }

        Modulus m = target.Modulus;
        for (; j < len; j++)
        {
            UInt128 acc = 0;
            for (int i = 0; i < a; i++)
            {
                acc += (UInt128)y[i * stride + j] * c[i];
            }

            if (u != null)
            {
                acc += (UInt128)u[j] * cu;
            }

            dst[j] = m.Reduce128((ulong)(acc >> 64), (ulong)acc);
        }
    }

    /// <summary>
    /// AVX-512 version: like the AVX2 one, but A1 takes the unsplit middle products of up to three terms (each &lt; 2^62 − 2^32 with
    /// ⌊p0/2^32⌋) before its high half is flushed into A2, and the final A0 mod 2^32 needs no reduction for targets wider than 32 bits
    /// (narrower targets take the scalar loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int DotMod512(ulong* y, int a, int stride, ulong* u, ulong cu, int len, ulong* c, ulong* cHi, ulong* dst, in ConversionTarget target)
    {
        if (target.Modulus.BitCount <= 32)
        {
            return 0;
        }

        Vector512<ulong> mask = Vector512.Create(0xFFFF_FFFFUL);
        Vector512<ulong> vt = Vector512.Create(target.Modulus.Value), vt2 = vt + vt;
        Vector512<ulong> w32 = Vector512.Create(target.W32), w32s = Vector512.Create(target.W32Shoup);
        Vector512<ulong> w64 = Vector512.Create(target.W64), w64s = Vector512.Create(target.W64Shoup);
        Vector512<ulong> vcu = Vector512.Create(cu), vcuHi = Vector512.Create(cu >> 32);
        int j = 0;
        for (; j + 8 <= len; j += 8)
        {
            Vector512<ulong> a0 = Vector512<ulong>.Zero, a1 = Vector512<ulong>.Zero, a2 = Vector512<ulong>.Zero;
            ulong* yj = y + j;
            int i = 0;
            while (true)
            {
                for (int end = Math.Min(i + 3, a); i < end; i++)
                {
                    Vector512<ulong> yv = Vector512.Load(yj + (long)i * stride);
                    Vector512<ulong> ci = Vector512.Create(c[i]), ciHi = Vector512.Create(cHi[i]);
                    Vector512<ulong> yh = Avx512F.ShiftRightLogical(yv, 32);
                    Vector512<ulong> p0 = Avx512F.Multiply(yv.AsUInt32(), ci.AsUInt32());
                    Vector512<ulong> p1 = Avx512F.Multiply(yv.AsUInt32(), ciHi.AsUInt32()) + Avx512F.Multiply(yh.AsUInt32(), ci.AsUInt32());
                    a0 += p0 & mask;
                    a1 += Avx512F.ShiftRightLogical(p0, 32) + p1;
                    a2 += Avx512F.Multiply(yh.AsUInt32(), ciHi.AsUInt32());
                }

                if (i >= a)
                {
                    break;
                }

                a2 += Avx512F.ShiftRightLogical(a1, 32); // flush A1 (three terms, < 3·2^62) before it could overflow: keep its low half
                a1 &= mask;
            }

            if (u != null)
            {
                // u < 2^32: only its low half is non-zero.
                Vector512<ulong> uv = Vector512.Load(u + j);
                Vector512<ulong> q0 = Avx512F.Multiply(uv.AsUInt32(), vcu.AsUInt32());
                a0 += q0 & mask;
                a1 += Avx512F.ShiftRightLogical(q0, 32) + Avx512F.Multiply(uv.AsUInt32(), vcuHi.AsUInt32());
            }

            a1 += Avx512F.ShiftRightLogical(a0, 32);
            Vector512<ulong> r = VectorMath.ReduceOnce((a0 & mask) + VectorMath.MulShoupLazy(a1, w32, w32s, vt), vt2); // < t + 2t
            r = VectorMath.ReduceOnce(r + VectorMath.MulShoupLazy(a2, w64, w64s, vt), vt2);
            VectorMath.ReduceOnce(r, vt).Store(dst + j);
        }

        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int DotMod256(ulong* y, int a, int stride, ulong* u, ulong cu, int len, ulong* c, ulong* cHi, ulong* dst, in ConversionTarget target)
    {
        Vector256<ulong> mask = Vector256.Create(0xFFFF_FFFFUL);
        Vector256<ulong> vt = Vector256.Create(target.Modulus.Value), vt2 = vt + vt, vb = Vector256.Create(target.Barrett);
        Vector256<ulong> w32 = Vector256.Create(target.W32), w32s = Vector256.Create(target.W32Shoup);
        Vector256<ulong> w64 = Vector256.Create(target.W64), w64s = Vector256.Create(target.W64Shoup);
        Vector256<ulong> vcu = Vector256.Create(cu), vcuHi = Vector256.Create(cu >> 32);
        int j = 0;
        for (; j + 4 <= len; j += 4)
        {
            Vector256<ulong> a0 = Vector256<ulong>.Zero, a1 = Vector256<ulong>.Zero, a2 = Vector256<ulong>.Zero;
            ulong* yj = y + j;
            for (int i = 0; i < a; i++)
            {
                Accumulate256(Vector256.Load(yj + (long)i * stride), Vector256.Create(c[i]), Vector256.Create(cHi[i]), mask, ref a0, ref a1, ref a2);
            }

            if (u != null)
            {
                Accumulate256(Vector256.Load(u + j), vcu, vcuHi, mask, ref a0, ref a1, ref a2);
            }

            // Every value below stays under 4t < 2^63, as VectorMath256.ReduceOnce (signed compare) requires.
            Vector256<ulong> r0 = a0 - VectorMath256.MulLow(VectorMath256.MulHigh(a0, vb), vt);
            Vector256<ulong> r = VectorMath256.ReduceOnce(r0 + VectorMath256.MulShoupLazy(a1, w32, w32s, vt), vt2);
            r = VectorMath256.ReduceOnce(r + VectorMath256.MulShoupLazy(a2, w64, w64s, vt), vt2);
            VectorMath256.ReduceOnce(r, vt).Store(dst + j);
        }

        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate256(
        Vector256<ulong> y, Vector256<ulong> c, Vector256<ulong> cHi, Vector256<ulong> mask, ref Vector256<ulong> a0, ref Vector256<ulong> a1, ref Vector256<ulong> a2)
    {
        Vector256<ulong> yh = Avx2.ShiftRightLogical(y, 32);
        Vector256<ulong> p0 = Avx2.Multiply(y.AsUInt32(), c.AsUInt32());
        Vector256<ulong> p1 = Avx2.Multiply(y.AsUInt32(), cHi.AsUInt32()) + Avx2.Multiply(yh.AsUInt32(), c.AsUInt32());
        Vector256<ulong> p2 = Avx2.Multiply(yh.AsUInt32(), cHi.AsUInt32());
        a0 += p0 & mask;
        a1 += Avx2.ShiftRightLogical(p0, 32) + (p1 & mask);
        a2 += p2 + Avx2.ShiftRightLogical(p1, 32);
    }

    /// <summary>
    /// u[j] = ⌊0.5 + Σ_i y[i·stride + j]·sInv[i]⌋ in double precision (the same operations in the same order on every path, no fused
    /// multiply-add, so the results are identical); requires y &lt; 2^61 and a result below 2^52.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void CenteredQuotients(ulong* y, int a, int stride, int len, double* sInv, ulong* u, SimdPath path)
    {
        int j = 0;
        if (path == SimdPath.Vector512 && VectorMath.IsSupported)
        {
            for (; j + 8 <= len; j += 8)
            {
                Vector512<double> v = Vector512.Create(0.5);
                for (int i = 0; i < a; i++)
                {
                    Vector512<double> yi = Avx512DQ.ConvertToVector512Double(Vector512.Load(y + (long)i * stride + j));
                    v = Avx512F.Add(v, Avx512F.Multiply(yi, Vector512.Create(sInv[i])));
                }

                Avx512DQ.ConvertToVector512UInt64WithTruncation(v).Store(u + j);
            }
        }
        else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
        {
            Vector256<ulong> magic = Vector256.Create(0x4330_0000_0000_0000UL), mask = Vector256.Create(0xFFFF_FFFFUL);
            Vector256<double> magicD = magic.AsDouble(), two32 = Vector256.Create(4294967296.0);
            for (; j + 4 <= len; j += 4)
            {
                Vector256<double> v = Vector256.Create(0.5);
                for (int i = 0; i < a; i++)
                {
                    Vector256<ulong> yi = Vector256.Load(y + (long)i * stride + j);

                    // Correctly rounded ulong → double: both halves convert exactly, hi·2^32 is exact, the one addition rounds to nearest.
                    Vector256<double> hi = Avx.Subtract((Avx2.ShiftRightLogical(yi, 32) | magic).AsDouble(), magicD);
                    Vector256<double> lo = Avx.Subtract(((yi & mask) | magic).AsDouble(), magicD);
                    Vector256<double> yd = Avx.Add(Avx.Multiply(hi, two32), lo);
                    v = Avx.Add(v, Avx.Multiply(yd, Vector256.Create(sInv[i])));
                }

                // Truncate (v ≥ 0.5, below 2^52) through the 2^52 magic constant.
                Vector256<double> whole = Avx.RoundToZero(v);
                (Avx.Add(whole, magicD).AsUInt64() - magic).Store(u + j);
            }
        }

        for (; j < len; j++)
        {
            double v = 0.5;
            for (int i = 0; i < a; i++)
            {
                v += y[(long)i * stride + j] * sInv[i];
            }

            u[j] = (ulong)v;
        }
    }
}
