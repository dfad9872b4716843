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

    public static void Mul(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, Modulus m) => Mul(a, b, dst, m, Simd.Active);

    /// <summary>Largest prime width of the vector products (double-precision quotient estimate); wider primes use the scalar Barrett product.</summary>
    public const int VectorMulMaxBits = 49;

    /// <summary>dst = a·b mod q (a, b &lt; q); double-quotient vector product for primes below 2^<see cref="VectorMulMaxBits"/>, wide Barrett (AVX-512 only) above.</summary>
    public static unsafe void Mul(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, Modulus m, SimdPath path)
    {
        Simd.Require(path);
        int n = dst.Length, j = 0;
        ulong q = m.Value;
        fixed (ulong* pa = a, pb = b, pd = dst)
        {
            if (m.BitCount <= VectorMulMaxBits)
            {
                if (path == SimdPath.Vector512 && VectorMath.IsSupported)
                {
                    Vector512<ulong> vq = Vector512.Create(q);
                    Vector512<double> qInv = Vector512.Create(1.0 / q);
                    for (; j + 8 <= n; j += 8)
                    {
                        VectorMath.MulModFloat(Vector512.Load(pa + j), Vector512.Load(pb + j), qInv, vq).Store(pd + j);
                    }
                }
                else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
                {
                    Vector256<ulong> vq = Vector256.Create(q);
                    Vector256<double> qInv = Vector256.Create(1.0 / q);
                    for (; j + 4 <= n; j += 4)
                    {
                        VectorMath256.MulModFloat(Vector256.Load(pa + j), Vector256.Load(pb + j), qInv, vq).Store(pd + j);
                    }
                }
            }
            else if (path == SimdPath.Vector512 && VectorMath.IsSupported)
            {
                Vector512<ulong> vq = Vector512.Create(q), vq2 = vq + vq, mu = Vector512.Create(VectorMath.BarrettWideConstant(m));
                int bits = m.BitCount;
                for (; j + 8 <= n; j += 8)
                {
                    VectorMath.MulModBarrett(Vector512.Load(pa + j), Vector512.Load(pb + j), vq, vq2, mu, bits).Store(pd + j);
                }
            }

            for (; j < n; j++)
            {
                pd[j] = m.Mul(pa[j], pb[j]);
            }
        }
    }

    /// <summary>The ciphertext tensor product on one limb: z0 = x0·y0, z1 = x0·y1 + x1·y0, z2 = x1·y1 mod q (all inputs &lt; q).</summary>
    public static unsafe void Tensor(
        ReadOnlySpan<ulong> x0, ReadOnlySpan<ulong> x1, ReadOnlySpan<ulong> y0, ReadOnlySpan<ulong> y1, Span<ulong> z0, Span<ulong> z1, Span<ulong> z2, Modulus m, SimdPath path)
    {
        Simd.Require(path);
        int n = z0.Length, j = 0;
        ulong q = m.Value;
        fixed (ulong* a0 = x0, a1 = x1, b0 = y0, b1 = y1, c0 = z0, c1 = z1, c2 = z2)
        {
            if (m.BitCount <= VectorMulMaxBits)
            {
                if (path == SimdPath.Vector512 && VectorMath.IsSupported)
                {
                    Vector512<ulong> vq = Vector512.Create(q);
                    Vector512<double> qInv = Vector512.Create(1.0 / q);
                    for (; j + 8 <= n; j += 8)
                    {
                        Vector512<ulong> u0 = Vector512.Load(a0 + j), u1 = Vector512.Load(a1 + j), v0 = Vector512.Load(b0 + j), v1 = Vector512.Load(b1 + j);
                        VectorMath.MulModFloat(u0, v0, qInv, vq).Store(c0 + j);
                        VectorMath.MulModFloat(u1, v1, qInv, vq).Store(c2 + j);
                        var cross = VectorMath.MulModFloat(u0, v1, qInv, vq) + VectorMath.MulModFloat(u1, v0, qInv, vq);
                        VectorMath.ReduceOnce(cross, vq).Store(c1 + j);
                    }
                }
                else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
                {
                    Vector256<ulong> vq = Vector256.Create(q);
                    Vector256<double> qInv = Vector256.Create(1.0 / q);
                    for (; j + 4 <= n; j += 4)
                    {
                        Vector256<ulong> u0 = Vector256.Load(a0 + j), u1 = Vector256.Load(a1 + j), v0 = Vector256.Load(b0 + j), v1 = Vector256.Load(b1 + j);
                        VectorMath256.MulModFloat(u0, v0, qInv, vq).Store(c0 + j);
                        VectorMath256.MulModFloat(u1, v1, qInv, vq).Store(c2 + j);
                        var cross = VectorMath256.MulModFloat(u0, v1, qInv, vq) + VectorMath256.MulModFloat(u1, v0, qInv, vq);
                        VectorMath256.ReduceOnce(cross, vq).Store(c1 + j);
                    }
                }
            }
            else if (path == SimdPath.Vector512 && VectorMath.IsSupported)
            {
                Vector512<ulong> vq = Vector512.Create(q), vq2 = vq + vq, mu = Vector512.Create(VectorMath.BarrettWideConstant(m));
                int bits = m.BitCount;
                for (; j + 8 <= n; j += 8)
                {
                    Vector512<ulong> u0 = Vector512.Load(a0 + j), u1 = Vector512.Load(a1 + j), v0 = Vector512.Load(b0 + j), v1 = Vector512.Load(b1 + j);
                    VectorMath.MulModBarrett(u0, v0, vq, vq2, mu, bits).Store(c0 + j);
                    VectorMath.MulModBarrett(u1, v1, vq, vq2, mu, bits).Store(c2 + j);
                    var cross = VectorMath.MulModBarrett(u0, v1, vq, vq2, mu, bits) + VectorMath.MulModBarrett(u1, v0, vq, vq2, mu, bits);
                    VectorMath.ReduceOnce(cross, vq).Store(c1 + j);
                }
            }

            for (; j < n; j++)
            {
                ulong u0 = a0[j], u1 = a1[j], v0 = b0[j], v1 = b1[j];
                ulong h1 = Math.BigMul(u0, v1, out ulong l1);
                ulong h2 = Math.BigMul(u1, v0, out ulong l2);
                UInt128 cross = new UInt128(h1, l1) + new UInt128(h2, l2);
                c0[j] = m.Mul(u0, v0);
                c1[j] = m.Reduce128((ulong)(cross >> 64), (ulong)cross);
                c2[j] = m.Mul(u1, v1);
            }
        }
    }

    /// <summary>dst = dst + a·b mod q.</summary>
    public static void MulAdd(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, Modulus m) => MulAdd(a, b, dst, m, Simd.Active);

    /// <summary>dst = dst + a·b mod q (all &lt; q); vectorised as <see cref="Mul(ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, Span{ulong}, Modulus, SimdPath)"/>.</summary>
    public static unsafe void MulAdd(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, Modulus m, SimdPath path)
    {
        Simd.Require(path);
        int n = dst.Length, j = 0;
        ulong q = m.Value;
        fixed (ulong* pa = a, pb = b, pd = dst)
        {
            if (m.BitCount <= VectorMulMaxBits)
            {
                if (path == SimdPath.Vector512 && VectorMath.IsSupported)
                {
                    Vector512<ulong> vq = Vector512.Create(q);
                    Vector512<double> qInv = Vector512.Create(1.0 / q);
                    for (; j + 8 <= n; j += 8)
                    {
                        var p = VectorMath.MulModFloat(Vector512.Load(pa + j), Vector512.Load(pb + j), qInv, vq);
                        VectorMath.ReduceOnce(Vector512.Load(pd + j) + p, vq).Store(pd + j);
                    }
                }
                else if (path == SimdPath.Vector256 && VectorMath256.IsSupported)
                {
                    Vector256<ulong> vq = Vector256.Create(q);
                    Vector256<double> qInv = Vector256.Create(1.0 / q);
                    for (; j + 4 <= n; j += 4)
                    {
                        var p = VectorMath256.MulModFloat(Vector256.Load(pa + j), Vector256.Load(pb + j), qInv, vq);
                        VectorMath256.ReduceOnce(Vector256.Load(pd + j) + p, vq).Store(pd + j);
                    }
                }
            }
            else if (path == SimdPath.Vector512 && VectorMath.IsSupported)
            {
                Vector512<ulong> vq = Vector512.Create(q), vq2 = vq + vq, mu = Vector512.Create(VectorMath.BarrettWideConstant(m));
                int bits = m.BitCount;
                for (; j + 8 <= n; j += 8)
                {
                    var p = VectorMath.MulModBarrett(Vector512.Load(pa + j), Vector512.Load(pb + j), vq, vq2, mu, bits);
                    VectorMath.ReduceOnce(Vector512.Load(pd + j) + p, vq).Store(pd + j);
                }
            }

            for (; j < n; j++)
            {
                pd[j] = m.Add(pd[j], m.Mul(pa[j], pb[j]));
            }
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
