using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Randomness;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>Draws RLWE polynomials straight into NTT-form RNS limbs (shared by key generation and encryption).</summary>
internal static class RingSampling
{
    /// <summary>Writes the small signed vector <paramref name="small"/> into limbs [0, limbCount) of <paramref name="dst"/>, reduced mod QpModuli[map(i)], in NTT form.</summary>
    public static void SmallToNtt(CkksContext ctx, ReadOnlySpan<long> small, RnsPoly dst, int limbCount, Func<int, int>? map = null)
    {
        long[] copy = small.ToArray();
        Parallelism.For(limbCount, ctx.N, i =>
        {
            int m = map?.Invoke(i) ?? i;
            Modulus q = ctx.QpModuli[m];
            Span<ulong> limb = dst.Limb(i);
            for (int j = 0; j < limb.Length; j++)
            {
                limb[j] = q.FromSigned(copy[j]);
            }

            Ntt.Forward(limb, ctx.QpTables[m]);
        });
    }

    /// <summary>
    /// Writes the small signed vector small[0..n) into limbs [0, limbCount) of the limb-major buffer <paramref name="dst"/> (limb i at [i·n, (i+1)·n)),
    /// reduced mod QpModuli[map(i)] in constant time, in NTT form. No allocation besides the parallel loop's closure.
    /// </summary>
    public static void SmallToNtt(CkksContext ctx, long[] small, int n, ulong[] dst, int limbCount, Func<int, int>? map = null)
    {
        if (small.Length < n || dst.Length < (long)limbCount * n)
        {
            throw new ArgumentException($"RingSampling.SmallToNtt: need {n} small values and {limbCount}×{n} destination values.");
        }

        Parallelism.For(limbCount, n, i =>
        {
            int m = map?.Invoke(i) ?? i;
            Modulus q = ctx.QpModuli[m];
            Span<ulong> limb = dst.AsSpan(i * n, n);
            for (int j = 0; j < limb.Length; j++)
            {
                limb[j] = q.FromSigned(small[j]);
            }

            Ntt.Forward(limb, ctx.QpTables[m]);
        });
    }

    /// <summary>Fills limbs [0, limbCount) of <paramref name="dst"/> with uniform residues (already "NTT form": uniform either way), in limb order from one stream.</summary>
    public static void Uniform(CkksContext ctx, CsPrng prng, RnsPoly dst, int limbCount, Func<int, int>? map = null)
    {
        for (int i = 0; i < limbCount; i++)
        {
            Sampler.Uniform(prng, ctx.QpModuli[map?.Invoke(i) ?? i], dst.Limb(i));
        }
    }

    /// <summary>Samples a secret of the parameters' distribution as a small signed vector.</summary>
    public static long[] Secret(CkksParameters p, CsPrng prng)
    {
        var s = new long[p.N];
        if (p.Secret == SecretDistribution.FixedHammingWeight)
        {
            Sampler.FixedHammingWeight(prng, p.HammingWeight, s);
        }
        else
        {
            Sampler.Ternary(prng, s);
        }

        return s;
    }

    /// <summary>Samples a Gaussian error vector.</summary>
    public static long[] Error(int n, CsPrng prng)
    {
        var e = new long[n];
        Sampler.Gaussian(prng, e);
        return e;
    }
}
