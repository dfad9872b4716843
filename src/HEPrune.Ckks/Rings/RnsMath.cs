using System.Runtime.Intrinsics;
using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Rings;

/// <summary>Element-wise modular kernels on one limb (add, subtract, negate, multiply, multiply-accumulate), with AVX-512 paths for add/sub.</summary>
internal static class RnsMath
{
    public static unsafe void Add(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, ulong q)
    {
        int n = dst.Length, j = 0;
        fixed (ulong* pa = a, pb = b, pd = dst)
        {
            if (Ntt.UseVectorPaths && VectorMath.IsSupported)
            {
                var vq = Vector512.Create(q);
                for (; j + 8 <= n; j += 8)
                {
                    var s = Vector512.Load(pa + j) + Vector512.Load(pb + j);
                    VectorMath.ReduceOnce(s, vq).Store(pd + j);
                }
            }

            for (; j < n; j++)
            {
                ulong s = pa[j] + pb[j];
                pd[j] = UInt64Math.ReduceOnce(s, q);
            }
        }
    }

    public static unsafe void Sub(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, ulong q)
    {
        int n = dst.Length, j = 0;
        fixed (ulong* pa = a, pb = b, pd = dst)
        {
            if (Ntt.UseVectorPaths && VectorMath.IsSupported)
            {
                var vq = Vector512.Create(q);
                for (; j + 8 <= n; j += 8)
                {
                    var s = Vector512.Load(pa + j) + vq - Vector512.Load(pb + j);
                    VectorMath.ReduceOnce(s, vq).Store(pd + j);
                }
            }

            for (; j < n; j++)
            {
                ulong s = pa[j] + q - pb[j];
                pd[j] = UInt64Math.ReduceOnce(s, q);
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
    public static void MulScalar(ReadOnlySpan<ulong> a, ulong c, Span<ulong> dst, Modulus m)
    {
        ulong q = m.Value, cs = m.ShoupOf(c);
        for (int j = 0; j < dst.Length; j++)
        {
            dst[j] = Modulus.MulShoup(a[j], c, cs, q);
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
