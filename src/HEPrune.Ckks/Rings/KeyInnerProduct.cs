using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Rings;

/// <summary>
/// The key-switching inner product on one limb: r0 = Σ_d x_d·b_d mod q and r1 = Σ_d x_d·a_d mod q over the β digits, with every sum
/// accumulated exactly (no reduction per digit) and reduced once per coefficient.
/// </summary>
/// <remarks>
/// Scalar path: 128-bit sums of <see cref="Math.BigMul(ulong, ulong, out ulong)"/> products, one <see cref="Modulus.Reduce128"/>.
/// AVX-512 path (<see cref="SimdPath.Vector512"/>, any prime up to 61 bits): each 64×64-bit product is split into its four 32×32→64-bit
/// <c>vpmuludq</c> partial products ll, lh, hl, hh; the sums Σ(ll mod 2^32), Σ⌊ll/2^32⌋, Σ((lh + hl) mod 2^32), Σ⌊(lh + hl)/2^32⌋ and Σhh
/// are kept in five lane accumulators (none overflows for β ≤ 60 digits and q &lt; 2^61: lh + hl &lt; 2^62, hh &lt; 2^58), then recombined into
/// the exact 128-bit sum hi·2^64 + lo, which is reduced as hi·(2^64 mod q) (Shoup) + lo (one-word Barrett) and two conditional subtractions.
/// Exact, so bit-identical to the scalar path. AVX2 machines take the scalar path.
/// </remarks>
internal static class KeyInnerProduct
{
    /// <summary>Largest number of digits (β) the accumulators support.</summary>
    public const int MaxDigits = 60;

    /// <summary>
    /// Computes r0[j] = Σ_d x[xOffsets[d] + π(j)]·b[d][keyOffset + j] mod q and r1 likewise with a, for j &lt; r0.Length, on <paramref name="path"/>
    /// (<see cref="SimdPath.Vector256"/> runs the scalar code), where π is <paramref name="perm"/> (an automorphism's NTT permutation, gathered
    /// in blocks on the vector path) or the identity when it is empty. Inputs must be below q.
    /// </summary>
    /// <exception cref="ArgumentException">If there are more than <see cref="MaxDigits"/> digits or the permutation is shorter than the output.</exception>
    public static void Compute(
        ulong[] x, ReadOnlySpan<int> xOffsets, ulong[][] b, ulong[][] a, int keyOffset, Modulus q, Span<ulong> r0, Span<ulong> r1, SimdPath path, ReadOnlySpan<int> perm = default)
    {
        Simd.Require(path);
        int beta = xOffsets.Length;
        if (beta > MaxDigits || b.Length < beta || a.Length < beta)
        {
            throw new ArgumentException($"KeyInnerProduct: {beta} digits with {b.Length}/{a.Length} key parts (at most {MaxDigits} digits).", nameof(xOffsets));
        }

        int n = r0.Length, j = 0;
        if (!perm.IsEmpty && perm.Length < n)
        {
            throw new ArgumentException($"KeyInnerProduct: permutation of length {perm.Length} for {n} coefficients.", nameof(perm));
        }

        if (r1.Length < n)
        {
            throw new ArgumentException($"KeyInnerProduct: second output of length {r1.Length} for {n} coefficients.", nameof(r1));
        }

        for (int d = 0; d < beta; d++)
        {
            // the vector loops read without bounds checks: every digit and key slice must lie inside its array
            if (xOffsets[d] < 0 || (long)xOffsets[d] + n > x.Length || keyOffset < 0 || (long)keyOffset + n > b[d].Length || (long)keyOffset + n > a[d].Length)
            {
                throw new ArgumentException($"KeyInnerProduct: digit {d} (offset {xOffsets[d]}) or its key slice (offset {keyOffset}) of {n} words lies outside its array.", nameof(xOffsets));
            }
        }

        if (path == SimdPath.Vector512 && VectorMath.IsSupported)
        {
            j = perm.IsEmpty
                ? Vector512Core(x, xOffsets, b, a, keyOffset, q, r0, r1, n & ~7)
                : Vector512Permuted(x, xOffsets, b, a, keyOffset, q, r0, r1, n & ~7, perm);
        }

        ScalarCore(x, xOffsets, b, a, keyOffset, q, r0, r1, j, n, perm);
    }

    private static void ScalarCore(ulong[] x, ReadOnlySpan<int> xOffsets, ulong[][] b, ulong[][] a, int keyOffset, Modulus q, Span<ulong> r0, Span<ulong> r1, int from, int to, ReadOnlySpan<int> perm)
    {
        int beta = xOffsets.Length;
        for (int j = from; j < to; j++)
        {
            UInt128 s0 = 0, s1 = 0;
            int src = perm.IsEmpty ? j : perm[j];
            for (int d = 0; d < beta; d++)
            {
                ulong v = x[xOffsets[d] + src];
                s0 += Math.BigMul(v, b[d][keyOffset + j]);
                s1 += Math.BigMul(v, a[d][keyOffset + j]);
            }

            r0[j] = q.Reduce128((ulong)(s0 >> 64), (ulong)s0);
            r1[j] = q.Reduce128((ulong)(s1 >> 64), (ulong)s1);
        }
    }

    /// <summary>The AVX-512 loop over whole vectors of eight coefficients; returns the number of coefficients done.</summary>
    private static unsafe int Vector512Core(ulong[] x, ReadOnlySpan<int> xOffsets, ulong[][] b, ulong[][] a, int keyOffset, Modulus q, Span<ulong> r0, Span<ulong> r1, int count)
    {
        int beta = xOffsets.Length;
        ulong c64 = (ulong)((UInt128.One << 64) % q.Value);
        var red = new Reducer(Vector512.Create(q.Value), Vector512.Create(c64), Vector512.Create(q.ShoupOf(c64)), Vector512.Create(q.BarrettRatioHigh));
        ref ulong o0 = ref MemoryMarshal.GetReference(r0);
        ref ulong o1 = ref MemoryMarshal.GetReference(r1);
        Vector512<ulong> low32 = Vector512.Create(0xFFFF_FFFFUL);
        fixed (ulong* x0 = x)
        for (int j = 0; j < count; j += 8)
        {
            Accumulator acc0 = default, acc1 = default;
            for (int d = 0; d < beta; d++)
            {
                Vector512<ulong> xv = Vector512.Load(x0 + xOffsets[d] + j);
                Vector512<ulong> xh = Avx512F.ShiftRightLogical(xv, 32);
                acc0.Add(xv, xh, Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(b[d]), (nuint)(keyOffset + j)), low32);
                acc1.Add(xv, xh, Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a[d]), (nuint)(keyOffset + j)), low32);
            }

            red.Reduce(acc0, low32).StoreUnsafe(ref o0, (nuint)j);
            red.Reduce(acc1, low32).StoreUnsafe(ref o1, (nuint)j);
        }

        return count;
    }

    /// <summary>
    /// The vector loop for permuted digits: per block of <see cref="GatherBlock"/> coefficients, the β permuted digit slices are first copied
    /// into a small buffer that stays in L1 (scalar loads; AVX2 gathers measured slower on the AMD EPYC), then the block runs the contiguous loop.
    /// </summary>
    private static int Vector512Permuted(ulong[] x, ReadOnlySpan<int> xOffsets, ulong[][] b, ulong[][] a, int keyOffset, Modulus q, Span<ulong> r0, Span<ulong> r1, int count, ReadOnlySpan<int> perm)
    {
        int beta = xOffsets.Length;
        ulong[] block = System.Buffers.ArrayPool<ulong>.Shared.Rent(beta * GatherBlock);
        try
        {
            Span<int> offsets = stackalloc int[beta];
            for (int d = 0; d < beta; d++)
            {
                offsets[d] = d * GatherBlock;
            }

            for (int j0 = 0; j0 < count; j0 += GatherBlock)
            {
                int len = Math.Min(GatherBlock, count - j0);
                ReadOnlySpan<int> p = perm.Slice(j0, len);
                for (int d = 0; d < beta; d++)
                {
                    ReadOnlySpan<ulong> src = x.AsSpan(xOffsets[d]);
                    Span<ulong> dst = block.AsSpan(d * GatherBlock, len);
                    for (int t = 0; t < dst.Length; t++)
                    {
                        dst[t] = src[p[t]];
                    }
                }

                Vector512Core(block, offsets, b, a, keyOffset + j0, q, r0.Slice(j0, len), r1.Slice(j0, len), len);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(block);
        }

        return count;
    }

    /// <summary>Coefficients per gathered block (β · 256 words: 12 KiB for β = 6).</summary>
    private const int GatherBlock = 256;

    /// <summary>Five lane accumulators of a sum of exact 64×64-bit products (see the class remarks).</summary>
    private struct Accumulator
    {
        private Vector512<ulong> _ll0, _ll1, _mid0, _mid1, _hh;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector512<ulong> x, Vector512<ulong> xh, Vector512<ulong> y, Vector512<ulong> low32)
        {
            Vector512<ulong> yh = Avx512F.ShiftRightLogical(y, 32);
            Vector512<ulong> ll = Avx512F.Multiply(x.AsUInt32(), y.AsUInt32());
            Vector512<ulong> mid = Avx512F.Multiply(x.AsUInt32(), yh.AsUInt32()) + Avx512F.Multiply(xh.AsUInt32(), y.AsUInt32());
            _hh += Avx512F.Multiply(xh.AsUInt32(), yh.AsUInt32());
            _ll0 += ll & low32;
            _ll1 += Avx512F.ShiftRightLogical(ll, 32);
            _mid0 += mid & low32;
            _mid1 += Avx512F.ShiftRightLogical(mid, 32);
        }

        /// <summary>The exact sum as (hi, lo) words.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly (Vector512<ulong> Hi, Vector512<ulong> Lo) Total(Vector512<ulong> low32)
        {
            Vector512<ulong> t = _ll1 + _mid0 + Avx512F.ShiftRightLogical(_ll0, 32);
            Vector512<ulong> lo = (_ll0 & low32) | Avx512F.ShiftLeftLogical(t, 32);
            Vector512<ulong> hi = _hh + _mid1 + Avx512F.ShiftRightLogical(t, 32);
            return (hi, lo);
        }
    }

    /// <summary>Reduces hi·2^64 + lo modulo q: hi·(2^64 mod q) by Shoup's product and lo by one-word Barrett, each in [0, 2q).</summary>
    private readonly struct Reducer(Vector512<ulong> q, Vector512<ulong> c64, Vector512<ulong> c64Shoup, Vector512<ulong> ratio)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Reduce(in Accumulator acc, Vector512<ulong> low32)
        {
            (Vector512<ulong> hi, Vector512<ulong> lo) = acc.Total(low32);
            Vector512<ulong> r = VectorMath.MulShoupLazy(hi, c64, c64Shoup, q);
            r += lo - Avx512DQ.MultiplyLow(VectorMath.MulHigh(lo, ratio), q);
            r = VectorMath.ReduceOnce(r, q + q);
            return VectorMath.ReduceOnce(r, q);
        }
    }
}
