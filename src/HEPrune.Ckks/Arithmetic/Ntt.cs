using System.Runtime.CompilerServices;

namespace HEPrune.Ckks.Arithmetic;

/// <summary>Negacyclic number-theoretic transforms over Z_q[X]/(X^N+1): Harvey's lazy butterflies with Shoup twiddles.</summary>
/// <remarks>
/// Forward: Cooley–Tukey, natural-order input in [0, q), bit-reversed output in [0, q). Inverse: Gentleman–Sande, bit-reversed input,
/// natural-order output in [0, q), including the N^−1 factor. Intermediate values stay in [0, 4q) (so q &lt; 2^62).
/// The AVX-512 (<see cref="NttVector"/>) or AVX2 (<see cref="NttVector256"/>) kernels are used when supported and <see cref="UseVectorPaths"/>
/// is on (see <see cref="Simd.Active"/>); they produce bit-identical results to the scalar code.
/// </remarks>
public static class Ntt
{
    /// <summary>Global switch (tests use it to force the scalar reference path); defaults to on.</summary>
    internal static bool UseVectorPaths { get; set; } = true;

    /// <summary>Transforms <paramref name="values"/> (length N, entries &lt; q) in place into NTT (evaluation) form.</summary>
    /// <exception cref="ArgumentException">If the length differs from N.</exception>
    public static void Forward(Span<ulong> values, NttTables tables) => Forward(values, tables, Simd.Active, lazy: false);

    /// <summary>Transforms <paramref name="values"/> (length N, entries &lt; 2q) in place from NTT form back to coefficients.</summary>
    /// <exception cref="ArgumentException">If the length differs from N.</exception>
    public static void Inverse(Span<ulong> values, NttTables tables) => Inverse(values, tables, Simd.Active);

    /// <summary>Forward transform on an explicit SIMD path; entries &lt; 4q; output in [0, q), or in [0, 4q) when <paramref name="lazy"/> (saves the final pass).</summary>
    /// <exception cref="ArgumentException">If the length differs from N.</exception>
    /// <exception cref="PlatformNotSupportedException">If the path cannot run here.</exception>
    internal static void Forward(Span<ulong> values, NttTables tables, SimdPath path, bool lazy)
    {
        CheckLength(values, tables);
        if (tables.N >= 16)
        {
            switch (path)
            {
                case SimdPath.Vector512 when NttVector.IsSupported:
                    NttVector.Forward(values, tables, lazy);
                    return;
                case SimdPath.Vector256 when NttVector256.IsSupported:
                    NttVector256.Forward(values, tables, lazy);
                    return;
            }
        }

        Simd.Require(path);
        ForwardScalar(values, tables, lazy);
    }

    /// <summary>Inverse transform on an explicit SIMD path; entries &lt; 2q; output in [0, q).</summary>
    /// <exception cref="ArgumentException">If the length differs from N.</exception>
    /// <exception cref="PlatformNotSupportedException">If the path cannot run here.</exception>
    internal static void Inverse(Span<ulong> values, NttTables tables, SimdPath path)
    {
        CheckLength(values, tables);
        if (tables.N >= 16)
        {
            switch (path)
            {
                case SimdPath.Vector512 when NttVector.IsSupported:
                    NttVector.Inverse(values, tables);
                    return;
                case SimdPath.Vector256 when NttVector256.IsSupported:
                    NttVector256.Inverse(values, tables);
                    return;
            }
        }

        Simd.Require(path);
        InverseScalar(values, tables);
    }

    /// <summary>Forward transform leaving outputs in [0, 4q) (entries &lt; 4q), on the active path; for callers that reduce afterwards anyway.</summary>
    internal static void ForwardLazy(Span<ulong> values, NttTables tables) => Forward(values, tables, Simd.Active, lazy: true);

    /// <summary>Scalar reference forward transform (fully reduced output).</summary>
    internal static void ForwardScalar(Span<ulong> values, NttTables tables) => ForwardScalar(values, tables, lazy: false);

    /// <summary>Scalar reference forward transform; output in [0, 4q) when <paramref name="lazy"/>.</summary>
    internal static unsafe void ForwardScalar(Span<ulong> values, NttTables tables, bool lazy)
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        ulong twoQ = 2 * q;
        fixed (ulong* a = values)
        fixed (ulong* w = tables.Roots)
        fixed (ulong* ws = tables.RootsShoup)
        {
            int t = n;
            for (int m = 1; m < n; m <<= 1)
            {
                t >>= 1;
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
            }

            for (int i = 0; i < n && !lazy; i++)
            {
                a[i] = UInt64Math.ReduceOnce(UInt64Math.ReduceOnce(a[i], twoQ), q);
            }
        }
    }

    /// <summary>Scalar reference inverse transform.</summary>
    internal static unsafe void InverseScalar(Span<ulong> values, NttTables tables)
    {
        int n = tables.N;
        ulong q = tables.Modulus.Value;
        ulong twoQ = 2 * q;
        fixed (ulong* a = values)
        fixed (ulong* w = tables.InvRoots)
        fixed (ulong* ws = tables.InvRootsShoup)
        {
            int t = 1;
            for (int m = n; m > 1; m >>= 1)
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

            ulong ni = tables.NInv, nis = tables.NInvShoup;
            for (int i = 0; i < n; i++)
            {
                a[i] = Modulus.MulShoup(a[i], ni, nis, q);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckLength(Span<ulong> values, NttTables tables)
    {
        if (values.Length != tables.N)
        {
            throw new ArgumentException($"NTT: expected {tables.N} values, got {values.Length}.", nameof(values));
        }
    }
}
