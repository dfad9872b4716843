using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>AVX-512 versions of the forward and inverse NTT (every stage vectorised; distances below 8 use lane permutes).</summary>
/// <remarks>Bit-identical to <see cref="Ntt.ForwardScalar"/>/<see cref="Ntt.InverseScalar"/>: the same lazy ranges and the same formulas lane by lane.</remarks>
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
    private readonly record struct Tail(Vector512<ulong> X, Vector512<ulong> Y, Vector512<ulong> W, Vector512<ulong> Out0, Vector512<ulong> Out1)
    {
        public static Tail For(int t) => t switch { 4 => s_t4, 2 => s_t2, _ => s_t1 };
    }

    public static unsafe void Forward(Span<ulong> values, NttTables tables)
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* w = tables.Roots)
        fixed (ulong* ws = tables.RootsShoup)
        {
            int t = n >> 1;
            int m = 1;
            for (; t >= 8; m <<= 1, t >>= 1)
            {
                ForwardStage(a, w, ws, m, t, q);
            }

            for (; m < n; m <<= 1, t >>= 1)
            {
                ForwardTail(a, w, ws, m, t, q, Tail.For(t));
            }

            FinalReduce(a, n, q);
        }
    }

    public static unsafe void Inverse(Span<ulong> values, NttTables tables)
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        fixed (ulong* a = values)
        fixed (ulong* w = tables.InvRoots)
        fixed (ulong* ws = tables.InvRootsShoup)
        {
            int t = 1;
            int m = n;
            for (; m > 1 && t < 8; m >>= 1, t <<= 1)
            {
                InverseTail(a, w, ws, m >> 1, t, q, Tail.For(t));
            }

            for (; m > 1; m >>= 1, t <<= 1)
            {
                InverseStage(a, w, ws, m >> 1, t, q);
            }

            ScaleByNInverse(a, n, q, tables.NInv, tables.NInvShoup);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ForwardStage(ulong* a, ulong* w, ulong* ws, int m, int t, ulong q)
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        for (int i = 0; i < m; i++)
        {
            var wi = Vector512.Create(w[m + i]);
            var wsi = Vector512.Create(ws[m + i]);
            ulong* x = a + 2 * i * t;
            ulong* y = x + t;
            for (int j = 0; j < t; j += 8)
            {
                var u = VectorMath.ReduceOnce(Vector512.Load(x + j), v2q);
                var v = VectorMath.MulShoupLazy(Vector512.Load(y + j), wi, wsi, vq);
                (u + v).Store(x + j);
                (u - v + v2q).Store(y + j);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseStage(ulong* a, ulong* w, ulong* ws, int h, int t, ulong q)
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        for (int i = 0; i < h; i++)
        {
            var wi = Vector512.Create(w[h + i]);
            var wsi = Vector512.Create(ws[h + i]);
            ulong* x = a + 2 * i * t;
            ulong* y = x + t;
            for (int j = 0; j < t; j += 8)
            {
                var u = Vector512.Load(x + j);
                var v = Vector512.Load(y + j);
                VectorMath.ReduceOnce(u + v, v2q).Store(x + j);
                VectorMath.MulShoupLazy(u - v + v2q, wi, wsi, vq).Store(y + j);
            }
        }
    }

    /// <summary>Forward stages with distance t &lt; 8: two vectors hold 16 consecutive values; lanes are split into X and Y by permutes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void ForwardTail(ulong* a, ulong* w, ulong* ws, int m, int t, ulong q, in Tail ix)
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        Vector512<ulong> px = ix.X, py = ix.Y, pw = ix.W, o0 = ix.Out0, o1 = ix.Out1;
        int step = 8 / t;
        for (int i0 = 0; i0 < m; i0 += step)
        {
            ulong* p = a + 2 * i0 * t;
            var v0 = Vector512.Load(p);
            var v1 = Vector512.Load(p + 8);
            var x = Avx512F.PermuteVar8x64x2(v0, px, v1);
            var y = Avx512F.PermuteVar8x64x2(v0, py, v1);
            var wv = Avx512F.PermuteVar8x64(Vector512.Load(w + m + i0), pw);
            var wsv = Avx512F.PermuteVar8x64(Vector512.Load(ws + m + i0), pw);
            var u = VectorMath.ReduceOnce(x, v2q);
            var v = VectorMath.MulShoupLazy(y, wv, wsv, vq);
            var xo = u + v;
            var yo = u - v + v2q;
            Avx512F.PermuteVar8x64x2(xo, o0, yo).Store(p);
            Avx512F.PermuteVar8x64x2(xo, o1, yo).Store(p + 8);
        }
    }

    /// <summary>Inverse stages with distance t &lt; 8 (see <see cref="ForwardTail"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void InverseTail(ulong* a, ulong* w, ulong* ws, int h, int t, ulong q, in Tail ix)
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        Vector512<ulong> px = ix.X, py = ix.Y, pw = ix.W, o0 = ix.Out0, o1 = ix.Out1;
        int step = 8 / t;
        for (int i0 = 0; i0 < h; i0 += step)
        {
            ulong* p = a + 2 * i0 * t;
            var v0 = Vector512.Load(p);
            var v1 = Vector512.Load(p + 8);
            var x = Avx512F.PermuteVar8x64x2(v0, px, v1);
            var y = Avx512F.PermuteVar8x64x2(v0, py, v1);
            var wv = Avx512F.PermuteVar8x64(Vector512.Load(w + h + i0), pw);
            var wsv = Avx512F.PermuteVar8x64(Vector512.Load(ws + h + i0), pw);
            var xo = VectorMath.ReduceOnce(x + y, v2q);
            var yo = VectorMath.MulShoupLazy(x - y + v2q, wv, wsv, vq);
            Avx512F.PermuteVar8x64x2(xo, o0, yo).Store(p);
            Avx512F.PermuteVar8x64x2(xo, o1, yo).Store(p + 8);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void FinalReduce(ulong* a, int n, ulong q)
    {
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(2 * q);
        for (int i = 0; i < n; i += 8)
        {
            VectorMath.ReduceOnce(VectorMath.ReduceOnce(Vector512.Load(a + i), v2q), vq).Store(a + i);
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
