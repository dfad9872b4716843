using System.Runtime.Intrinsics;
using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Rings;

/// <summary>Element-wise modular kernels on one limb (add, subtract, negate, multiply, multiply-accumulate, Shoup products, rescale steps).</summary>
/// <remarks>
/// Kernels with a <see cref="SimdPath"/> parameter have AVX-512 and AVX2 versions next to the scalar one (bit-identical); the overloads without it
/// use <see cref="Simd.Active"/>. Vector loops handle whole vectors and leave the remainder to the scalar loop.
/// </remarks>
internal static class RnsMath
{
    public static void Add(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, ulong q) => Add(a, b, dst, q, Simd.Active);

    /// <summary>dst = a + b mod q (a, b &lt; q).</summary>
    public static unsafe void Add(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, ulong q, SimdPath path)
    {
        Simd.Require(path);
        int n = dst.Length, j = 0;
        fixed (ulong* pa = a, pb = b, pd = dst)
        {
            if (path == SimdPath.Vector512 && VectorMath.IsSupported)
            {
                var vq = Vector512.Create(q);
                for (; j + 8 <= n; j += 8)
                {
                    VectorMath.ReduceOnce(Vector512.Load(pa + j) + Vector512.Load(pb + j), vq).Store(pd + j);
                }
            }
            else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
            {
                var vq = Vector256.Create(q);
                for (; j + 4 <= n; j += 4)
                {
                    VectorMath256.ReduceOnce(Vector256.Load(pa + j) + Vector256.Load(pb + j), vq).Store(pd + j);
                }
            }

            for (; j < n; j++)
            {
                pd[j] = UInt64Math.ReduceOnce(pa[j] + pb[j], q);
            }
        }
    }

    public static void Sub(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, ulong q) => Sub(a, b, dst, q, Simd.Active);

    /// <summary>dst = a − b mod q (a, b &lt; q).</summary>
    public static unsafe void Sub(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, ulong q, SimdPath path)
    {
        Simd.Require(path);
        int n = dst.Length, j = 0;
        fixed (ulong* pa = a, pb = b, pd = dst)
        {
            if (path == SimdPath.Vector512 && VectorMath.IsSupported)
            {
                var vq = Vector512.Create(q);
                for (; j + 8 <= n; j += 8)
                {
                    VectorMath.ReduceOnce(Vector512.Load(pa + j) + vq - Vector512.Load(pb + j), vq).Store(pd + j);
                }
            }
            else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
            {
                var vq = Vector256.Create(q);
                for (; j + 4 <= n; j += 4)
                {
                    VectorMath256.ReduceOnce(Vector256.Load(pa + j) + vq - Vector256.Load(pb + j), vq).Store(pd + j);
                }
            }

            for (; j < n; j++)
            {
                pd[j] = UInt64Math.ReduceOnce(pa[j] + q - pb[j], q);
            }
        }
    }

    public static void Negate(ReadOnlySpan<ulong> a, Span<ulong> dst, ulong q)
    {
        for (int j = 0; j < dst.Length; j++)
        {
            ulong v = a[j];
            dst[j] = v == 0 ? 0 : q - v;
        }
    }

    public static void Mul(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, Modulus m)
    {
        for (int j = 0; j < dst.Length; j++)
        {
            dst[j] = m.Mul(a[j], b[j]);
        }
    }

    /// <summary>dst = dst + a·b mod q.</summary>
    public static void MulAdd(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, Modulus m)
    {
        for (int j = 0; j < dst.Length; j++)
        {
            dst[j] = m.Add(dst[j], m.Mul(a[j], b[j]));
        }
    }

    /// <summary>dst = a·c mod q for a scalar c &lt; q.</summary>
    public static void MulScalar(ReadOnlySpan<ulong> a, ulong c, Span<ulong> dst, Modulus m) => MulShoup(a, c, m.ShoupOf(c), dst, m.Value, Simd.Active);

    /// <summary>dst = a·w mod q in [0, q) for any 64-bit a, given w &lt; q and its Shoup constant ws.</summary>
    public static unsafe void MulShoup(ReadOnlySpan<ulong> a, ulong w, ulong ws, Span<ulong> dst, ulong q, SimdPath path)
    {
        Simd.Require(path);
        int n = dst.Length, j = 0;
        fixed (ulong* pa = a, pd = dst)
        {
            if (path == SimdPath.Vector512 && VectorMath.IsSupported)
            {
                Vector512<ulong> vq = Vector512.Create(q), vw = Vector512.Create(w), vws = Vector512.Create(ws);
                for (; j + 8 <= n; j += 8)
                {
                    VectorMath.ReduceOnce(VectorMath.MulShoupLazy(Vector512.Load(pa + j), vw, vws, vq), vq).Store(pd + j);
                }
            }
            else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
            {
                Vector256<ulong> vq = Vector256.Create(q), vw = Vector256.Create(w), vws = Vector256.Create(ws);
                for (; j + 4 <= n; j += 4)
                {
                    VectorMath256.ReduceOnce(VectorMath256.MulShoupLazy(Vector256.Load(pa + j), vw, vws, vq), vq).Store(pd + j);
                }
            }

            for (; j < n; j++)
            {
                pd[j] = Modulus.MulShoup(pa[j], w, ws, q);
            }
        }
    }

    /// <summary>
    /// dst = (c + bound − y)·w mod q in [0, q), for c &lt; q and y ≤ bound (a lazy value, e.g. an NTT output in [0, 4q) with bound = 4q):
    /// the last step of rescaling and of key-switching mod-down.
    /// </summary>
    public static unsafe void SubMulShoup(ReadOnlySpan<ulong> c, ReadOnlySpan<ulong> y, ulong bound, ulong w, ulong ws, Span<ulong> dst, ulong q, SimdPath path)
    {
        Simd.Require(path);
        int n = dst.Length, j = 0;
        fixed (ulong* pc = c, py = y, pd = dst)
        {
            if (path == SimdPath.Vector512 && VectorMath.IsSupported)
            {
                Vector512<ulong> vq = Vector512.Create(q), vb = Vector512.Create(bound), vw = Vector512.Create(w), vws = Vector512.Create(ws);
                for (; j + 8 <= n; j += 8)
                {
                    var x = Vector512.Load(pc + j) + vb - Vector512.Load(py + j);
                    VectorMath.ReduceOnce(VectorMath.MulShoupLazy(x, vw, vws, vq), vq).Store(pd + j);
                }
            }
            else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
            {
                Vector256<ulong> vq = Vector256.Create(q), vb = Vector256.Create(bound), vw = Vector256.Create(w), vws = Vector256.Create(ws);
                for (; j + 4 <= n; j += 4)
                {
                    var x = Vector256.Load(pc + j) + vb - Vector256.Load(py + j);
                    VectorMath256.ReduceOnce(VectorMath256.MulShoupLazy(x, vw, vws, vq), vq).Store(pd + j);
                }
            }

            for (; j < n; j++)
            {
                pd[j] = Modulus.MulShoup(pc[j] + bound - py[j], w, ws, q);
            }
        }
    }

    /// <summary>
    /// Lifts residues x ∈ [0, p) of a prime p to their centred representative (x or x − p) and reduces it modulo q_i, leaving the result in
    /// [0, 2q_i) (a valid lazy input of the forward NTT). <paramref name="pModQ"/> must be p mod q_i.
    /// </summary>
    public static unsafe void CenteredLift(ReadOnlySpan<ulong> x, ulong p, Modulus qi, ulong pModQ, Span<ulong> dst, SimdPath path)
    {
        Simd.Require(path);
        int n = dst.Length, j = 0;
        ulong q = qi.Value, half = p >> 1, shift = q - pModQ, ratio = qi.BarrettRatioHigh;
        fixed (ulong* px = x, pd = dst)
        {
            if (path == SimdPath.Vector512 && VectorMath.IsSupported)
            {
                Vector512<ulong> vq = Vector512.Create(q), vh = Vector512.Create(half), vs = Vector512.Create(shift), vr = Vector512.Create(ratio);
                for (; j + 8 <= n; j += 8)
                {
                    var v = Vector512.Load(px + j);
                    var r = VectorMath.ReduceOnce(v - System.Runtime.Intrinsics.X86.Avx512DQ.MultiplyLow(VectorMath.MulHigh(v, vr), vq), vq);
                    (r + (Vector512.GreaterThan(v, vh) & vs)).Store(pd + j);
                }
            }
            else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
            {
                Vector256<ulong> vq = Vector256.Create(q), vh = Vector256.Create(half), vs = Vector256.Create(shift), vr = Vector256.Create(ratio);
                for (; j + 4 <= n; j += 4)
                {
                    var v = Vector256.Load(px + j);
                    var r = VectorMath256.ReduceOnce(v - VectorMath256.MulLow(VectorMath256.MulHigh(v, vr), vq), vq);
                    var gt = System.Runtime.Intrinsics.X86.Avx2.CompareGreaterThan(v.AsInt64(), vh.AsInt64()).AsUInt64();
                    (r + (gt & vs)).Store(pd + j);
                }
            }

            for (; j < n; j++)
            {
                ulong v = px[j];
                ulong r = qi.Reduce(v);
                pd[j] = v > half ? r + shift : r;
            }
        }
    }

    /// <summary>dst = a + c mod q for a scalar c &lt; q.</summary>
    public static void AddScalar(ReadOnlySpan<ulong> a, ulong c, Span<ulong> dst, ulong q)
    {
        for (int j = 0; j < dst.Length; j++)
        {
            ulong s = a[j] + c;
            dst[j] = UInt64Math.ReduceOnce(s, q);
        }
    }
}
