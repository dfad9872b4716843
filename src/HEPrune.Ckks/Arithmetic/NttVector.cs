using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>AVX-512 versions of the forward and inverse NTT: two stages per pass over memory, the last four in registers.</summary>
/// <remarks>
/// Stages with butterfly distance t ≥ 16 run in pairs (radix-4 passes: each value is loaded and stored once per two stages). The four stages
/// with t ∈ {8, 4, 2, 1} only mix values inside aligned blocks of 16, so they run on two registers with lane permutes, together with the final
/// reduction. The inverse transform folds N^−1 into its last stage. Lazy ranges are Harvey's ([0, 4q) forward, [0, 2q) inverse), lane by lane the
/// same formulas as the scalar transforms in <see cref="Ntt"/>; outputs are fully reduced, hence bit-identical to the scalar code.
/// </remarks>
internal static class NttVector
{
    private static readonly Tail s_t4 = new(
        Vector512.Create(0UL, 1, 2, 3, 8, 9, 10, 11), Vector512.Create(4UL, 5, 6, 7, 12, 13, 14, 15), Vector512.Create(0UL, 0, 0, 0, 1, 1, 1, 1),
        Vector512.Create(0UL, 1, 2, 3, 8, 9, 10, 11), Vector512.Create(4UL, 5, 6, 7, 12, 13, 14, 15));

    private static readonly Tail s_t2 = new(
        Vector512.Create(0UL, 1, 4, 5, 8, 9, 12, 13), Vector512.Create(2UL, 3, 6, 7, 10, 11, 14, 15), Vector512.Create(0UL, 0, 1, 1, 2, 2, 3, 3),
        Vector512.Create(0UL, 1, 8, 9, 2, 3, 10, 11), Vector512.Create(4UL, 5, 12, 13, 6, 7, 14, 15));

    private static readonly Tail s_t1 = new(
        Vector512.Create(0UL, 2, 4, 6, 8, 10, 12, 14), Vector512.Create(1UL, 3, 5, 7, 9, 11, 13, 15), Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7),
        Vector512.Create(0UL, 8, 1, 9, 2, 10, 3, 11), Vector512.Create(4UL, 12, 5, 13, 6, 14, 7, 15));

    /// <summary>Whether this machine can run the vector kernels.</summary>
    public static bool IsSupported => VectorMath.IsSupported;

    /// <summary>Lane permutations for a butterfly distance t &lt; 8 over 16 consecutive values: X/Y inputs, twiddle lanes, and the two outputs.</summary>
    private readonly record struct Tail(Vector512<ulong> X, Vector512<ulong> Y, Vector512<ulong> W, Vector512<ulong> Out0, Vector512<ulong> Out1);

    /// <summary>Forward transform (N ≥ 16); input entries &lt; 4q; output in [0, q), or in [0, 4q) when <paramref name="lazy"/>.</summary>
    public static void Forward(Span<ulong> values, NttTables tables, bool lazy)
    {
        if (UsesFloatQuotients(tables.Modulus))
        {
            ForwardCore<FloatQuotientMul>(values, tables, lazy);
        }
        else
        {
            ForwardCore<ShoupMulThreeProducts>(values, tables, lazy);
        }
    }

    /// <summary>Inverse transform (N ≥ 16) including the N^−1 factor; input entries &lt; 2q; output in [0, q).</summary>
    public static void Inverse(Span<ulong> values, NttTables tables)
    {
        if (UsesFloatQuotients(tables.Modulus))
        {
            InverseCore<FloatQuotientMul>(values, tables);
        }
        else
        {
            InverseCore<ShoupMulThreeProducts>(values, tables);
        }
    }

    /// <summary>
    /// Whether the transforms of this prime estimate the butterfly quotient ⌊y·w/q⌋ in double precision (q &lt; 2^49, so that for inputs
    /// y &lt; 4q the estimate is off by at most one) instead of the exact 64-bit Shoup high product, which AVX-512 lacks and must emulate.
    /// </summary>
    public static bool UsesFloatQuotients(Modulus q) => q.BitCount <= FloatQuotientMaxBits;

    /// <summary>Largest prime width for the double-precision quotient estimate.</summary>
    public const int FloatQuotientMaxBits = 49;

    private static unsafe void ForwardCore<TMul>(Span<ulong> values, NttTables tables, bool lazy)
        where TMul : struct, ILazyMul
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* w = tables.Roots)
        fixed (ulong* ws = tables.RootsShoup)
        {
            int t = n >> 1;
            int m = 1;
            if (((tables.LogN - 4) & 1) != 0)
            {
                ForwardStage<TMul>(a, w, ws, m, t, q);
                m <<= 1;
                t >>= 1;
            }

            for (; t >= 32; m <<= 2, t >>= 2)
            {
                ForwardStagePair<TMul>(a, w, ws, m, t, q);
            }

            ForwardLastFour<TMul>(a, w, ws, n, q, lazy);
        }
    }

    private static unsafe void InverseCore<TMul>(Span<ulong> values, NttTables tables)
        where TMul : struct, ILazyMul
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* w = tables.InvRoots)
        fixed (ulong* ws = tables.InvRootsShoup)
        {
            InverseFirstFour<TMul>(a, w, ws, n, q);
            if (n == 16)
            {
                ScaleByNInverse(a, n, q, tables.NInv, tables.NInvShoup);
                return;
            }

            // Stages t = 16 … n/4 (h = n/(2t) groups), then the last stage t = n/2 with N^−1 folded in.
            int t = 16, h = n >> 5;
            if (((tables.LogN - 5) & 1) != 0)
            {
                InverseStage<TMul>(a, w, ws, h, t, q);
                t <<= 1;
                h >>= 1;
            }

            for (; h > 1; t <<= 2, h >>= 2)
            {
                InverseStagePair<TMul>(a, w, ws, h, t, q);
            }

            InverseLastStage<TMul>(a, n, q, tables.NInv, tables.NInvShoup, tables.LastInvRootTimesNInv, tables.LastInvRootTimesNInvShoup);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardButterfly<TMul>(ref Vector512<ulong> x, ref Vector512<ulong> y, in Twiddle w, Vector512<ulong> vq, Vector512<ulong> v2q)
        where TMul : struct, ILazyMul
    {
        var u = VectorMath.ReduceOnce(x, v2q);
        var v = TMul.Mul(y, w, vq);
        x = u + v;
        y = u - v + v2q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InverseButterfly<TMul>(ref Vector512<ulong> x, ref Vector512<ulong> y, in Twiddle w, Vector512<ulong> vq, Vector512<ulong> v2q)
        where TMul : struct, ILazyMul
    {
        var u = x;
        x = VectorMath.ReduceOnce(u + y, v2q);
        y = TMul.Mul(u - y + v2q, w, vq);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ForwardStage<TMul>(ulong* a, ulong* w, ulong* ws, int m, int t, ulong q)
        where TMul : struct, ILazyMul
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        for (int i = 0; i < m; i++)
        {
            var wi = Twiddle.Broadcast<TMul>(w[m + i], ws[m + i]);
            ulong* x = a + 2 * i * t;
            ulong* y = x + t;
            for (int j = 0; j < t; j += 8)
            {
                var u = Vector512.Load(x + j);
                var v = Vector512.Load(y + j);
                ForwardButterfly<TMul>(ref u, ref v, wi, vq, v2q);
                u.Store(x + j);
                v.Store(y + j);
            }
        }
    }

    /// <summary>Stages m (distance t) and 2m (distance t/2) in one pass; t/2 ≥ 8.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ForwardStagePair<TMul>(ulong* a, ulong* w, ulong* ws, int m, int t, ulong q)
        where TMul : struct, ILazyMul
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        int h = t >> 1;
        for (int i = 0; i < m; i++)
        {
            var w1 = Twiddle.Broadcast<TMul>(w[m + i], ws[m + i]);
            var w2 = Twiddle.Broadcast<TMul>(w[2 * m + 2 * i], ws[2 * m + 2 * i]);
            var w3 = Twiddle.Broadcast<TMul>(w[2 * m + 2 * i + 1], ws[2 * m + 2 * i + 1]);
            ulong* p0 = a + 2 * i * t;
            ulong* p1 = p0 + h;
            ulong* p2 = p0 + t;
            ulong* p3 = p2 + h;
            for (int j = 0; j < h; j += 8)
            {
                var x0 = Vector512.Load(p0 + j);
                var x1 = Vector512.Load(p1 + j);
                var x2 = Vector512.Load(p2 + j);
                var x3 = Vector512.Load(p3 + j);
                ForwardButterfly<TMul>(ref x0, ref x2, w1, vq, v2q);
                ForwardButterfly<TMul>(ref x1, ref x3, w1, vq, v2q);
                ForwardButterfly<TMul>(ref x0, ref x1, w2, vq, v2q);
                ForwardButterfly<TMul>(ref x2, ref x3, w3, vq, v2q);
                x0.Store(p0 + j);
                x1.Store(p1 + j);
                x2.Store(p2 + j);
                x3.Store(p3 + j);
            }
        }
    }

    /// <summary>Stages with t = 8, 4, 2, 1 on each aligned block of 16 values held in two registers, then the final reduction.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ForwardLastFour<TMul>(ulong* a, ulong* w, ulong* ws, int n, ulong q, bool lazy)
        where TMul : struct, ILazyMul
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        Tail t4 = s_t4, t2 = s_t2, t1 = s_t1;
        int m8 = n >> 4, m4 = n >> 3, m2 = n >> 2, m1 = n >> 1;
        for (int c = 0; c < m8; c++)
        {
            ulong* p = a + 16 * c;
            var v0 = Vector512.Load(p);
            var v1 = Vector512.Load(p + 8);
            ForwardButterfly<TMul>(ref v0, ref v1, Twiddle.Broadcast<TMul>(w[m8 + c], ws[m8 + c]), vq, v2q);
            ForwardTailStage<TMul>(ref v0, ref v1, w + m4 + 2 * c, ws + m4 + 2 * c, t4, vq, v2q);
            ForwardTailStage<TMul>(ref v0, ref v1, w + m2 + 4 * c, ws + m2 + 4 * c, t2, vq, v2q);
            ForwardTailStage<TMul>(ref v0, ref v1, w + m1 + 8 * c, ws + m1 + 8 * c, t1, vq, v2q);
            if (!lazy)
            {
                v0 = VectorMath.ReduceOnce(VectorMath.ReduceOnce(v0, v2q), vq);
                v1 = VectorMath.ReduceOnce(VectorMath.ReduceOnce(v1, v2q), vq);
            }

            v0.Store(p);
            v1.Store(p + 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void ForwardTailStage<TMul>(ref Vector512<ulong> v0, ref Vector512<ulong> v1, ulong* w, ulong* ws, in Tail ix, Vector512<ulong> vq, Vector512<ulong> v2q)
        where TMul : struct, ILazyMul
    {
        var x = Avx512F.PermuteVar8x64x2(v0, ix.X, v1);
        var y = Avx512F.PermuteVar8x64x2(v0, ix.Y, v1);
        var tw = Twiddle.Lanes<TMul>(Avx512F.PermuteVar8x64(Vector512.Load(w), ix.W), Avx512F.PermuteVar8x64(Vector512.Load(ws), ix.W));
        ForwardButterfly<TMul>(ref x, ref y, tw, vq, v2q);
        v0 = Avx512F.PermuteVar8x64x2(x, ix.Out0, y);
        v1 = Avx512F.PermuteVar8x64x2(x, ix.Out1, y);
    }

    /// <summary>Inverse stages with t = 1, 2, 4, 8 on each aligned block of 16 values held in two registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseFirstFour<TMul>(ulong* a, ulong* w, ulong* ws, int n, ulong q)
        where TMul : struct, ILazyMul
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        Tail t4 = s_t4, t2 = s_t2, t1 = s_t1;
        int h1 = n >> 1, h2 = n >> 2, h4 = n >> 3, h8 = n >> 4;
        for (int c = 0; c < h8; c++)
        {
            ulong* p = a + 16 * c;
            var v0 = Vector512.Load(p);
            var v1 = Vector512.Load(p + 8);
            InverseTailStage<TMul>(ref v0, ref v1, w + h1 + 8 * c, ws + h1 + 8 * c, t1, vq, v2q);
            InverseTailStage<TMul>(ref v0, ref v1, w + h2 + 4 * c, ws + h2 + 4 * c, t2, vq, v2q);
            InverseTailStage<TMul>(ref v0, ref v1, w + h4 + 2 * c, ws + h4 + 2 * c, t4, vq, v2q);
            InverseButterfly<TMul>(ref v0, ref v1, Twiddle.Broadcast<TMul>(w[h8 + c], ws[h8 + c]), vq, v2q);
            v0.Store(p);
            v1.Store(p + 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void InverseTailStage<TMul>(ref Vector512<ulong> v0, ref Vector512<ulong> v1, ulong* w, ulong* ws, in Tail ix, Vector512<ulong> vq, Vector512<ulong> v2q)
        where TMul : struct, ILazyMul
    {
        var x = Avx512F.PermuteVar8x64x2(v0, ix.X, v1);
        var y = Avx512F.PermuteVar8x64x2(v0, ix.Y, v1);
        var tw = Twiddle.Lanes<TMul>(Avx512F.PermuteVar8x64(Vector512.Load(w), ix.W), Avx512F.PermuteVar8x64(Vector512.Load(ws), ix.W));
        InverseButterfly<TMul>(ref x, ref y, tw, vq, v2q);
        v0 = Avx512F.PermuteVar8x64x2(x, ix.Out0, y);
        v1 = Avx512F.PermuteVar8x64x2(x, ix.Out1, y);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseStage<TMul>(ulong* a, ulong* w, ulong* ws, int h, int t, ulong q)
        where TMul : struct, ILazyMul
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        for (int i = 0; i < h; i++)
        {
            var wi = Twiddle.Broadcast<TMul>(w[h + i], ws[h + i]);
            ulong* x = a + 2 * i * t;
            ulong* y = x + t;
            for (int j = 0; j < t; j += 8)
            {
                var u = Vector512.Load(x + j);
                var v = Vector512.Load(y + j);
                InverseButterfly<TMul>(ref u, ref v, wi, vq, v2q);
                u.Store(x + j);
                v.Store(y + j);
            }
        }
    }

    /// <summary>Inverse stages with distance t (h groups) and 2t (h/2 groups) in one pass.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseStagePair<TMul>(ulong* a, ulong* w, ulong* ws, int h, int t, ulong q)
        where TMul : struct, ILazyMul
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        int g2 = h >> 1;
        for (int g = 0; g < g2; g++)
        {
            var w1 = Twiddle.Broadcast<TMul>(w[h + 2 * g], ws[h + 2 * g]);
            var w2 = Twiddle.Broadcast<TMul>(w[h + 2 * g + 1], ws[h + 2 * g + 1]);
            var w3 = Twiddle.Broadcast<TMul>(w[g2 + g], ws[g2 + g]);
            ulong* p0 = a + 4 * g * t;
            ulong* p1 = p0 + t;
            ulong* p2 = p1 + t;
            ulong* p3 = p2 + t;
            for (int j = 0; j < t; j += 8)
            {
                var x0 = Vector512.Load(p0 + j);
                var x1 = Vector512.Load(p1 + j);
                var x2 = Vector512.Load(p2 + j);
                var x3 = Vector512.Load(p3 + j);
                InverseButterfly<TMul>(ref x0, ref x1, w1, vq, v2q);
                InverseButterfly<TMul>(ref x2, ref x3, w2, vq, v2q);
                InverseButterfly<TMul>(ref x0, ref x2, w3, vq, v2q);
                InverseButterfly<TMul>(ref x1, ref x3, w3, vq, v2q);
                x0.Store(p0 + j);
                x1.Store(p1 + j);
                x2.Store(p2 + j);
                x3.Store(p3 + j);
            }
        }
    }

    /// <summary>The last inverse stage (one group, distance n/2) with N^−1 folded in: x' = (x + y)·N^−1, y' = (x − y)·ψ'·N^−1, fully reduced.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseLastStage<TMul>(ulong* a, int n, ulong q, ulong nInv, ulong nInvShoup, ulong wn, ulong wnShoup)
        where TMul : struct, ILazyMul
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        var ni = Twiddle.Broadcast<TMul>(nInv, nInvShoup);
        var wv = Twiddle.Broadcast<TMul>(wn, wnShoup);
        int t = n >> 1;
        ulong* y = a + t;
        for (int j = 0; j < t; j += 8)
        {
            var u = Vector512.Load(a + j);
            var v = Vector512.Load(y + j);
            VectorMath.ReduceOnce(TMul.Mul(u + v, ni, vq), vq).Store(a + j);
            VectorMath.ReduceOnce(TMul.Mul(u - v + v2q, wv, vq), vq).Store(y + j);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ScaleByNInverse(ulong* a, int n, ulong q, ulong nInv, ulong nInvShoup)
    {
        var vq = Vector512.Create(q);
        var ni = Vector512.Create(nInv);
        var nis = Vector512.Create(nInvShoup);
        for (int i = 0; i < n; i += 8)
        {
            VectorMath.ReduceOnce(VectorMath.MulShoupLazy(Vector512.Load(a + i), ni, nis, vq), vq).Store(a + i);
        }
    }
}
