using System.Runtime.Intrinsics;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>AVX-512 versions of the forward and inverse NTT (stages with butterfly distance ≥ 8 vectorised; the last three scalar).</summary>
/// <remarks>Bit-identical to <see cref="Ntt.ForwardScalar"/>/<see cref="Ntt.InverseScalar"/>: the same lazy ranges and the same formulas lane by lane.</remarks>
internal static class NttVector
{
    /// <summary>Whether this machine can run the vector kernels.</summary>
    public static bool IsSupported => VectorMath.IsSupported;

    public static unsafe void Forward(Span<ulong> values, NttTables tables)
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        ulong twoQ = 2 * q;
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(twoQ);
        fixed (ulong* a = values)
        fixed (ulong* w = tables.Roots)
        fixed (ulong* ws = tables.RootsShoup)
        {
            int t = n;
            int m = 1;
            for (; m < n; m <<= 1)
            {
                t >>= 1;
                if (t < 8)
                {
                    break;
                }

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

            // Remaining stages (t = 4, 2, 1) in scalar code.
            for (; m < n; m <<= 1)
            {
                for (int i = 0; i < m; i++)
                {
                    ulong wi = w[m + i], wsi = ws[m + i];
                    ulong* x = a + 2 * i * t;
                    ulong* y = x + t;
                    for (int j = 0; j < t; j++)
                    {
                        ulong u = x[j];
                        u = UInt64Math.ReduceOnce(u, twoQ);
                        ulong v = Modulus.MulShoupLazy(y[j], wi, wsi, q);
                        x[j] = u + v;
                        y[j] = u - v + twoQ;
                    }
                }

                t >>= 1;
            }

            for (int i = 0; i < n; i += 8)
            {
                var u = Vector512.Load(a + i);
                u = VectorMath.ReduceOnce(VectorMath.ReduceOnce(u, v2q), vq);
                u.Store(a + i);
            }
        }
    }

    public static unsafe void Inverse(Span<ulong> values, NttTables tables)
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        ulong twoQ = 2 * q;
        var vq = Vector512.Create(q);
        var v2q = Vector512.Create(twoQ);
        fixed (ulong* a = values)
        fixed (ulong* w = tables.InvRoots)
        fixed (ulong* ws = tables.InvRootsShoup)
        {
            int t = 1;
            int m = n;
            for (; m > 1 && t < 8; m >>= 1)
            {
                int h = m >> 1;
                for (int i = 0; i < h; i++)
                {
                    ulong wi = w[h + i], wsi = ws[h + i];
                    ulong* x = a + 2 * i * t;
                    ulong* y = x + t;
                    for (int j = 0; j < t; j++)
                    {
                        ulong u = x[j], v = y[j];
                        ulong s = u + v;
                        x[j] = UInt64Math.ReduceOnce(s, twoQ);
                        y[j] = Modulus.MulShoupLazy(u - v + twoQ, wi, wsi, q);
                    }
                }

                t <<= 1;
            }

            for (; m > 1; m >>= 1)
            {
                int h = m >> 1;
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

                t <<= 1;
            }

            var ni = Vector512.Create(tables.NInv);
            var nis = Vector512.Create(tables.NInvShoup);
            for (int i = 0; i < n; i += 8)
            {
                var u = VectorMath.MulShoupLazy(Vector512.Load(a + i), ni, nis, vq);
                VectorMath.ReduceOnce(u, vq).Store(a + i);
            }
        }
    }
}
