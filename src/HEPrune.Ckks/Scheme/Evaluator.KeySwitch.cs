using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <content>Hybrid key switching (dnum digits, special primes P): decomposition with mod-up, inner product with the key, mod-down.</content>
public sealed partial class Evaluator
{
    /// <summary>
    /// Decomposes an NTT-form polynomial at <paramref name="level"/> into its digits [d]_{Q_j}, each extended (fast basis conversion) to
    /// Q_l ∪ P and put in NTT form. The result can be reused for many key switches of the same polynomial (hoisting).
    /// </summary>
    internal Decomposition Decompose(RnsPoly poly, int level)
    {
        int n = _ctx.N, limbs = level + 1, k = _ctx.PModuli.Length, ext = limbs + k, alpha = Parameters.Alpha;
        int beta = _ctx.DigitCount(level);
        var result = new Decomposition(beta, ext, n);
        ulong[] digits = result.Buffer.Array;
        using var coeff = ScratchBuffer.Rent(limbs * n);
        ulong[] coeffArr = coeff.Array;
        poly.Data[..(limbs * n)].CopyTo(coeff.Span);
        Parallelism.For(limbs, n, i => Ntt.Inverse(coeffArr.AsSpan(i * n, n), _ctx.QpTables[i]));
        SimdPath path = Simd.Active;
        for (int d = 0; d < beta; d++)
        {
            int start = d * alpha, end = Math.Min(start + alpha, limbs), width = end - start;
            BasisConverter conv = _ctx.ModUp[level][d];
            int baseOffset = d * ext * n;

            // centred digit (its mean is 0, so key noise is not amplified) to every other limb of Q_l ∪ P, skipping the digit's own primes
            conv.ConvertCentered(coeffArr, start * n, digits, baseOffset, n, ext - width, gapStart: start, gapWidth: width, path);
            Parallelism.For(ext, n, e =>
            {
                Span<ulong> dst = digits.AsSpan(baseOffset + e * n, n);
                if (e >= start && e < end)
                {
                    poly.Limb(e).CopyTo(dst); // the digit's own primes: the residues are unchanged (already NTT form); the centred lift agrees mod these primes
                    return;
                }

                Ntt.Forward(dst, _ctx.QpTables[ExtToModulus(e, level)], path, lazy: false);
            });
        }

        return result;
    }

    /// <summary>
    /// Computes (out0, out1) = ModDown(Σ_j φ(D_j)·(b_j, a_j)) over Q_l in NTT form, where φ is the NTT permutation <paramref name="perm"/> (or identity).
    /// </summary>
    internal void KeySwitchFromDigits(Decomposition digits, int level, SwitchingKey key, int[]? perm, ulong[] out0, ulong[] out1)
    {
        int n = _ctx.N, limbs = level + 1, k = _ctx.PModuli.Length, ext = limbs + k, beta = digits.Count;
        using var acc0 = ScratchBuffer.Rent(ext * n);
        using var acc1 = ScratchBuffer.Rent(ext * n);
        ulong[] a0 = acc0.Array, a1 = acc1.Array, dArr = digits.Buffer.Array;
        if (beta > 60)
        {
            throw new InvalidOperationException("KeySwitch: too many digits for lazy 128-bit accumulation.");
        }

        key.CheckLevel(level, "KeySwitch");
        Parallelism.For(ext, n, e => InnerProductLimb(dArr, ext, e, level, beta, key, perm, a0, a1));
        ModDown(a0, level, out0);
        ModDown(a1, level, out1);
    }

    /// <summary>Computes limb e of Σ_d φ(D_d)·b_d and Σ_d φ(D_d)·a_d with lazy 128-bit accumulation and one Barrett reduction per coefficient.</summary>
    private unsafe void InnerProductLimb(ulong[] digits, int ext, int e, int level, int beta, SwitchingKey key, int[]? perm, ulong[] out0, ulong[] out1)
    {
        int n = _ctx.N, m = ExtToModulus(e, level), km = key.LimbOf(m); // km: the key's limb holding prime m (keys may be level-restricted)
        Modulus q = _ctx.QpModuli[m];
        SimdPath path = Simd.Active;
        if (path != SimdPath.Scalar && q.BitCount <= RnsMath.VectorMulMaxBits)
        {
            InnerProductLimbVector(digits, ext, e, m, km, beta, key, perm, out0, out1, path);
            return;
        }

        if (path == SimdPath.Vector512)
        {
            InnerProductLimbWide(digits, ext, e, km, beta, key, perm, q, out0, out1);
            return;
        }

        using var accBuf = ScratchBuffer.Rent(4 * n);
        Span<ulong> acc = accBuf.Span;
        acc.Clear();
        fixed (ulong* accP = acc)
        fixed (int* permP = perm)
        {
            ulong* lo0 = accP, hi0 = accP + n, lo1 = accP + 2 * n, hi1 = accP + 3 * n;
            for (int d = 0; d < beta; d++)
            {
                fixed (ulong* xP = &digits[(d * ext + e) * n])
                fixed (ulong* bP = &key.B[d].Buffer[km * n])
                fixed (ulong* aP = &key.A[d].Buffer[km * n])
                {
                    for (int j = 0; j < n; j++)
                    {
                        ulong x = permP == null ? xP[j] : xP[permP[j]];
                        ulong h = Math.BigMul(x, bP[j], out ulong l);
                        ulong s = lo0[j] + l;
                        hi0[j] += h + (s < l ? 1UL : 0UL);
                        lo0[j] = s;
                        h = Math.BigMul(x, aP[j], out l);
                        s = lo1[j] + l;
                        hi1[j] += h + (s < l ? 1UL : 0UL);
                        lo1[j] = s;
                    }
                }
            }

            fixed (ulong* r0 = &out0[e * n])
            fixed (ulong* r1 = &out1[e * n])
            {
                for (int j = 0; j < n; j++)
                {
                    r0[j] = q.Reduce128(hi0[j], lo0[j]);
                    r1[j] = q.Reduce128(hi1[j], lo1[j]);
                }
            }
        }
    }

    /// <summary>
    /// AVX-512 version of <see cref="InnerProductLimb"/> for primes of 50–61 bits: exact lane-wise 128-bit sums over the digits, one reduction
    /// per coefficient (<see cref="KeyInnerProduct"/>; same results as the scalar loop); permuted digits are gathered on the fly.
    /// </summary>
    private void InnerProductLimbWide(ulong[] digits, int ext, int e, int km, int beta, SwitchingKey key, int[]? perm, Modulus q, ulong[] out0, ulong[] out1)
    {
        int n = _ctx.N;
        Span<int> offsets = stackalloc int[beta];
        var b = new ulong[beta][];
        var a = new ulong[beta][];
        for (int d = 0; d < beta; d++)
        {
            b[d] = key.B[d].Buffer;
            a[d] = key.A[d].Buffer;
            offsets[d] = (d * ext + e) * n;
        }

        KeyInnerProduct.Compute(digits, offsets, b, a, km * n, q, out0.AsSpan(e * n, n), out1.AsSpan(e * n, n), SimdPath.Vector512, perm);
    }

    /// <summary>Vector version of <see cref="InnerProductLimb"/> for primes below 2^49: one reduced multiply-add per digit (same results).</summary>
    private void InnerProductLimbVector(ulong[] digits, int ext, int e, int m, int km, int beta, SwitchingKey key, int[]? perm, ulong[] out0, ulong[] out1, SimdPath path)
    {
        int n = _ctx.N;
        Modulus q = _ctx.QpModuli[m];
        Span<ulong> r0 = out0.AsSpan(e * n, n), r1 = out1.AsSpan(e * n, n);
        r0.Clear();
        r1.Clear();
        using var gathered = ScratchBuffer.Rent(perm is null ? 1 : n);
        for (int d = 0; d < beta; d++)
        {
            ReadOnlySpan<ulong> x = digits.AsSpan((d * ext + e) * n, n);
            if (perm is not null)
            {
                Span<ulong> g = gathered.Span;
                for (int j = 0; j < n; j++)
                {
                    g[j] = x[perm[j]];
                }

                x = g;
            }

            RnsMath.MulAdd(x, key.B[d].Buffer.AsSpan(km * n, n), r0, q, path);
            RnsMath.MulAdd(x, key.A[d].Buffer.AsSpan(km * n, n), r1, q, path);
        }
    }

    /// <summary>out = round(acc / P) = (acc − [acc]_P centred) · P^−1 over Q_l, NTT form (acc is over Q_l ∪ P in NTT form; its P limbs are overwritten).</summary>
    private void ModDown(ulong[] acc, int level, ulong[] output)
    {
        int n = _ctx.N, limbs = level + 1, k = _ctx.PModuli.Length;
        int lq = _ctx.QModuli.Length;
        Parallelism.For(k, n, p => Ntt.Inverse(acc.AsSpan((limbs + p) * n, n), _ctx.QpTables[lq + p]));
        SimdPath path = Simd.Active;
        _ctx.ModDown.ConvertCentered(acc, limbs * n, output, 0, n, limbs, gapStart: limbs, gapWidth: 0, path);
        Parallelism.For(limbs, n, i =>
        {
            Span<ulong> o = output.AsSpan(i * n, n);
            Ntt.Forward(o, _ctx.QpTables[i], path, lazy: true); // in [0, 4q): the subtraction below takes 4q as its bound
            ulong q = _ctx.QModuli[i].Value;
            RnsMath.SubMulShoup(acc.AsSpan(i * n, n), o, 4 * q, _ctx.PInvModQ[i], _ctx.PInvModQShoup[i], o, q, path);
        });
    }

    /// <summary>Maps an extended-basis limb index (Q_l then P) to its index in the context's Q ∪ P moduli.</summary>
    private int ExtToModulus(int e, int level) => e <= level ? e : _ctx.QModuli.Length + (e - level - 1);

    /// <summary>The digits of a decomposed polynomial (pooled; dispose after use).</summary>
    internal sealed class Decomposition : IDisposable
    {
        public Decomposition(int count, int extLimbs, int n)
        {
            Count = count;
            Buffer = ScratchBuffer.Rent(count * extLimbs * n);
        }

        public int Count { get; }

        public ScratchBuffer Buffer { get; }

        public void Dispose() => Buffer.Dispose();
    }
}
