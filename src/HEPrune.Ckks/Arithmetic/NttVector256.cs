using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>AVX2 versions of the forward and inverse NTT (four lanes): two stages per pass, the last three (t = 4, 2, 1) in registers.</summary>
/// <remarks>Same structure, lazy ranges and formulas as <see cref="NttVector"/>; outputs are fully reduced and bit-identical to the scalar code.</remarks>
internal static class NttVector256
{
    private const byte PairLow = 0x20;  // Permute2x128: low 128-bit halves of (a, b)
    private const byte PairHigh = 0x31; // Permute2x128: high 128-bit halves of (a, b)
    private const byte Dup01 = 0x50;    // Permute4x64: lanes (0, 0, 1, 1)
    private const byte Swap12 = 0xD8;   // Permute4x64: lanes (0, 2, 1, 3)

    /// <summary>Whether this machine can run the kernels.</summary>
    public static bool IsSupported => VectorMath256.IsSupported;

    /// <summary>Forward transform (N ≥ 16); input entries &lt; 4q; output in [0, q), or in [0, 4q) when <paramref name="lazy"/>.</summary>
    public static void Forward(Span<ulong> values, NttTables tables, bool lazy)
    {
        if (tables.Modulus.BitCount <= FloatQuotientMaxBits)
        {
            ForwardCore<FloatQuotientMul256>(values, tables, lazy);
        }
        else
        {
            ForwardCore<ShoupMul256>(values, tables, lazy);
        }
    }

    /// <summary>Inverse transform (N ≥ 16) including the N^−1 factor; input entries &lt; 2q; output in [0, q).</summary>
    public static void Inverse(Span<ulong> values, NttTables tables)
    {
        if (tables.Modulus.BitCount <= FloatQuotientMaxBits)
        {
            InverseCore<FloatQuotientMul256>(values, tables);
        }
        else
        {
            InverseCore<ShoupMul256>(values, tables);
        }
    }

    /// <summary>Largest prime width for the double-precision quotient estimate (rounded to nearest: needs an error below 1/2).</summary>
    public const int FloatQuotientMaxBits = 48;

    private static unsafe void ForwardCore<TMul>(Span<ulong> values, NttTables tables, bool lazy)
        where TMul : struct, ILazyMul256
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* w = tables.Roots)
        fixed (ulong* ws = tables.RootsShoup)
        {
            int t = n >> 1;
            int m = 1;
            if (((tables.LogN - 3) & 1) != 0)
            {
                ForwardStage<TMul>(a, w, ws, m, t, q);
                m <<= 1;
                t >>= 1;
            }

            for (; t >= 16; m <<= 2, t >>= 2)
            {
                ForwardStagePair<TMul>(a, w, ws, m, t, q);
            }

            ForwardLastThree<TMul>(a, w, ws, n, q, lazy);
        }
    }

    private static unsafe void InverseCore<TMul>(Span<ulong> values, NttTables tables)
        where TMul : struct, ILazyMul256
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* w = tables.InvRoots)
        fixed (ulong* ws = tables.InvRootsShoup)
        {
            InverseFirstThree<TMul>(a, w, ws, n, q);
            int t = 8, h = n >> 4;
            if (((tables.LogN - 4) & 1) != 0)
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
    private static void ForwardButterfly<TMul>(ref Vector256<ulong> x, ref Vector256<ulong> y, in Twiddle256 w, Vector256<ulong> vq, Vector256<ulong> v2q)
        where TMul : struct, ILazyMul256
    {
        var u = VectorMath256.ReduceOnce(x, v2q);
        var v = TMul.Mul(y, w, vq);
        x = u + v;
        y = u - v + v2q;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InverseButterfly<TMul>(ref Vector256<ulong> x, ref Vector256<ulong> y, in Twiddle256 w, Vector256<ulong> vq, Vector256<ulong> v2q)
        where TMul : struct, ILazyMul256
    {
        var u = x;
        x = VectorMath256.ReduceOnce(u + y, v2q);
        y = TMul.Mul(u - y + v2q, w, vq);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ForwardStage<TMul>(ulong* a, ulong* w, ulong* ws, int m, int t, ulong q)
        where TMul : struct, ILazyMul256
    {
        var vq = Vector256.Create(q);
        var v2q = Vector256.Create(2 * q);
        for (int i = 0; i < m; i++)
        {
            var wi = Twiddle256.Broadcast<TMul>(w[m + i], ws[m + i]);
            ulong* x = a + 2 * i * t;
            ulong* y = x + t;
            for (int j = 0; j < t; j += 4)
            {
                var u = Vector256.Load(x + j);
                var v = Vector256.Load(y + j);
                ForwardButterfly<TMul>(ref u, ref v, wi, vq, v2q);
                u.Store(x + j);
                v.Store(y + j);
            }
        }
    }

    /// <summary>Stages m (distance t) and 2m (distance t/2) in one pass; t/2 ≥ 4.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ForwardStagePair<TMul>(ulong* a, ulong* w, ulong* ws, int m, int t, ulong q)
        where TMul : struct, ILazyMul256
    {
        var vq = Vector256.Create(q);
        var v2q = Vector256.Create(2 * q);
        int h = t >> 1;
        for (int i = 0; i < m; i++)
        {
            var w1 = Twiddle256.Broadcast<TMul>(w[m + i], ws[m + i]);
            var w2 = Twiddle256.Broadcast<TMul>(w[2 * m + 2 * i], ws[2 * m + 2 * i]);
            var w3 = Twiddle256.Broadcast<TMul>(w[2 * m + 2 * i + 1], ws[2 * m + 2 * i + 1]);
            ulong* p0 = a + 2 * i * t;
            ulong* p1 = p0 + h;
            ulong* p2 = p0 + t;
            ulong* p3 = p2 + h;
            for (int j = 0; j < h; j += 4)
            {
                var x0 = Vector256.Load(p0 + j);
                var x1 = Vector256.Load(p1 + j);
                var x2 = Vector256.Load(p2 + j);
                var x3 = Vector256.Load(p3 + j);
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

    /// <summary>Stages t = 4, 2, 1 on each aligned block of 8 values held in two registers, then the final reduction.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ForwardLastThree<TMul>(ulong* a, ulong* w, ulong* ws, int n, ulong q, bool lazy)
        where TMul : struct, ILazyMul256
    {
        var vq = Vector256.Create(q);
        var v2q = Vector256.Create(2 * q);
        int m4 = n >> 3, m2 = n >> 2, m1 = n >> 1;
        for (int c = 0; c < m4; c++)
        {
            ulong* p = a + 8 * c;
            var v0 = Vector256.Load(p);
            var v1 = Vector256.Load(p + 4);
            ForwardButterfly<TMul>(ref v0, ref v1, Twiddle256.Broadcast<TMul>(w[m4 + c], ws[m4 + c]), vq, v2q);

            var x = Avx2.Permute2x128(v0, v1, PairLow);
            var y = Avx2.Permute2x128(v0, v1, PairHigh);
            ForwardButterfly<TMul>(ref x, ref y, Twiddle256.Lanes<TMul>(Avx2.Permute4x64(Vector256.Load(w + m2 + 2 * c), Dup01), Avx2.Permute4x64(Vector256.Load(ws + m2 + 2 * c), Dup01)), vq, v2q);
            v0 = Avx2.Permute2x128(x, y, PairLow);
            v1 = Avx2.Permute2x128(x, y, PairHigh);

            x = Avx2.UnpackLow(v0, v1);
            y = Avx2.UnpackHigh(v0, v1);
            ForwardButterfly<TMul>(ref x, ref y, Twiddle256.Lanes<TMul>(Avx2.Permute4x64(Vector256.Load(w + m1 + 4 * c), Swap12), Avx2.Permute4x64(Vector256.Load(ws + m1 + 4 * c), Swap12)), vq, v2q);
            v0 = Avx2.UnpackLow(x, y);
            v1 = Avx2.UnpackHigh(x, y);
            if (!lazy)
            {
                v0 = VectorMath256.ReduceOnce(VectorMath256.ReduceOnce(v0, v2q), vq);
                v1 = VectorMath256.ReduceOnce(VectorMath256.ReduceOnce(v1, v2q), vq);
            }

            v0.Store(p);
            v1.Store(p + 4);
        }
    }

    /// <summary>Inverse stages t = 1, 2, 4 on each aligned block of 8 values held in two registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseFirstThree<TMul>(ulong* a, ulong* w, ulong* ws, int n, ulong q)
        where TMul : struct, ILazyMul256
    {
        var vq = Vector256.Create(q);
        var v2q = Vector256.Create(2 * q);
        int h1 = n >> 1, h2 = n >> 2, h4 = n >> 3;
        for (int c = 0; c < h4; c++)
        {
            ulong* p = a + 8 * c;
            var v0 = Vector256.Load(p);
            var v1 = Vector256.Load(p + 4);

            var x = Avx2.UnpackLow(v0, v1);
            var y = Avx2.UnpackHigh(v0, v1);
            InverseButterfly<TMul>(ref x, ref y, Twiddle256.Lanes<TMul>(Avx2.Permute4x64(Vector256.Load(w + h1 + 4 * c), Swap12), Avx2.Permute4x64(Vector256.Load(ws + h1 + 4 * c), Swap12)), vq, v2q);
            v0 = Avx2.UnpackLow(x, y);
            v1 = Avx2.UnpackHigh(x, y);

            x = Avx2.Permute2x128(v0, v1, PairLow);
            y = Avx2.Permute2x128(v0, v1, PairHigh);
            InverseButterfly<TMul>(ref x, ref y, Twiddle256.Lanes<TMul>(Avx2.Permute4x64(Vector256.Load(w + h2 + 2 * c), Dup01), Avx2.Permute4x64(Vector256.Load(ws + h2 + 2 * c), Dup01)), vq, v2q);
            v0 = Avx2.Permute2x128(x, y, PairLow);
            v1 = Avx2.Permute2x128(x, y, PairHigh);

            InverseButterfly<TMul>(ref v0, ref v1, Twiddle256.Broadcast<TMul>(w[h4 + c], ws[h4 + c]), vq, v2q);
            v0.Store(p);
            v1.Store(p + 4);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseStage<TMul>(ulong* a, ulong* w, ulong* ws, int h, int t, ulong q)
        where TMul : struct, ILazyMul256
    {
        var vq = Vector256.Create(q);
        var v2q = Vector256.Create(2 * q);
        for (int i = 0; i < h; i++)
        {
            var wi = Twiddle256.Broadcast<TMul>(w[h + i], ws[h + i]);
            ulong* x = a + 2 * i * t;
            ulong* y = x + t;
            for (int j = 0; j < t; j += 4)
            {
                var u = Vector256.Load(x + j);
                var v = Vector256.Load(y + j);
                InverseButterfly<TMul>(ref u, ref v, wi, vq, v2q);
                u.Store(x + j);
                v.Store(y + j);
            }
        }
    }

    /// <summary>Inverse stages with distance t (h groups) and 2t (h/2 groups) in one pass.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseStagePair<TMul>(ulong* a, ulong* w, ulong* ws, int h, int t, ulong q)
        where TMul : struct, ILazyMul256
    {
        var vq = Vector256.Create(q);
        var v2q = Vector256.Create(2 * q);
        int g2 = h >> 1;
        for (int g = 0; g < g2; g++)
        {
            var w1 = Twiddle256.Broadcast<TMul>(w[h + 2 * g], ws[h + 2 * g]);
            var w2 = Twiddle256.Broadcast<TMul>(w[h + 2 * g + 1], ws[h + 2 * g + 1]);
            var w3 = Twiddle256.Broadcast<TMul>(w[g2 + g], ws[g2 + g]);
            ulong* p0 = a + 4 * g * t;
            ulong* p1 = p0 + t;
            ulong* p2 = p1 + t;
            ulong* p3 = p2 + t;
            for (int j = 0; j < t; j += 4)
            {
                var x0 = Vector256.Load(p0 + j);
                var x1 = Vector256.Load(p1 + j);
                var x2 = Vector256.Load(p2 + j);
                var x3 = Vector256.Load(p3 + j);
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

    /// <summary>The last inverse stage (distance n/2) with N^−1 folded in (see <see cref="NttVector"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseLastStage<TMul>(ulong* a, int n, ulong q, ulong nInv, ulong nInvShoup, ulong wn, ulong wnShoup)
        where TMul : struct, ILazyMul256
    {
        var vq = Vector256.Create(q);
        var v2q = Vector256.Create(2 * q);
        var ni = Twiddle256.Broadcast<TMul>(nInv, nInvShoup);
        var wv = Twiddle256.Broadcast<TMul>(wn, wnShoup);
        int t = n >> 1;
        ulong* y = a + t;
        for (int j = 0; j < t; j += 4)
        {
            var u = Vector256.Load(a + j);
            var v = Vector256.Load(y + j);
            VectorMath256.ReduceOnce(TMul.Mul(u + v, ni, vq), vq).Store(a + j);
            VectorMath256.ReduceOnce(TMul.Mul(u - v + v2q, wv, vq), vq).Store(y + j);
        }
    }
}
