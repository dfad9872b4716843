using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Randomness;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>Creates the keys of <see cref="BootstrappingKeys"/> on the client, from the secret key and the rotation steps a <see cref="Bootstrapper"/> reports.</summary>
public static class BootstrappingKeyGenerator
{
    /// <summary>
    /// Generates the relinearization key, the Galois keys for <see cref="Bootstrapper.RotationSteps"/> plus conjugation, and (with
    /// encapsulation) a fresh ephemeral sparse secret s' with the keys s → s' (mod q_0·p_0 only) and s' → s. s' is discarded afterwards.
    /// </summary>
    /// <exception cref="ParametersMismatchException">If the key generator belongs to other parameters.</exception>
    public static BootstrappingKeys Create(KeyGenerator keyGenerator, Bootstrapper bootstrapper) => Create(keyGenerator, bootstrapper, []);

    /// <summary>
    /// As <see cref="Create(KeyGenerator, Bootstrapper)"/>, with Galois keys for <paramref name="extraRotationSteps"/> as well (the union is
    /// generated once), so one key set serves both the bootstrap and the application circuit that runs between bootstraps.
    /// </summary>
    /// <exception cref="ParametersMismatchException">If the key generator belongs to other parameters.</exception>
    public static BootstrappingKeys Create(KeyGenerator keyGenerator, Bootstrapper bootstrapper, IEnumerable<int> extraRotationSteps)
        => Create(keyGenerator, bootstrapper, extraRotationSteps, bootstrapper?.Context.MaxLevel ?? 0);

    /// <summary>
    /// As <see cref="Create(KeyGenerator, Bootstrapper, IEnumerable{int})"/>, but the Galois keys of <paramref name="extraRotationSteps"/> that the
    /// bootstrap itself does not use are <b>level-restricted</b> to <paramref name="extraMaxLevel"/> (normally <see cref="Bootstrapper.OutputLevel"/>:
    /// the circuit between bootstraps never key-switches above it). Such a key holds q_0..q_L and P only (57 MiB instead of 204 MiB at N = 2^16,
    /// L = 12). The bootstrap's own keys, the relinearization key and the encapsulation keys stay over the whole chain.
    /// </summary>
    /// <exception cref="ParametersMismatchException">If the key generator belongs to other parameters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">If <paramref name="extraMaxLevel"/> is outside [0, MaxLevel].</exception>
    public static BootstrappingKeys Create(KeyGenerator keyGenerator, Bootstrapper bootstrapper, IEnumerable<int> extraRotationSteps, int extraMaxLevel)
    {
        ArgumentNullException.ThrowIfNull(extraRotationSteps);
        ArgumentNullException.ThrowIfNull(keyGenerator);
        ArgumentNullException.ThrowIfNull(bootstrapper);
        CkksContext ctx = bootstrapper.Context;
        ctx.CheckParameters(keyGenerator.SecretKey.Parameters, "BootstrappingKeyGenerator", "the secret key");
        RelinearizationKey relin = keyGenerator.CreateRelinearizationKey();
        int slots = ctx.Parameters.Slots;
        var steps = new SortedSet<int>(bootstrapper.RotationSteps());
        var extra = new SortedSet<int>();
        foreach (int s in extraRotationSteps)
        {
            int k = ((s % slots) + slots) % slots;
            int signed = k > slots / 2 ? k - slots : k;
            if (k != 0 && !steps.Contains(signed))
            {
                extra.Add(signed);
            }
        }

        GaloisKeys galois = keyGenerator.CreateGaloisKeys([.. steps], includeConjugation: true);
        if (extra.Count > 0)
        {
            GaloisKeys circuit = keyGenerator.CreateGaloisKeys([.. extra], includeConjugation: false, extraMaxLevel);
            var all = new Dictionary<ulong, SwitchingKey>();
            foreach (SwitchingKey key in galois.All)
            {
                all[key.GaloisElement] = key;
            }

            foreach (SwitchingKey key in circuit.All)
            {
                all.TryAdd(key.GaloisElement, key); // a step equal to a bootstrap step modulo the slot count keeps the full key
            }

            galois = new GaloisKeys(ctx.Parameters, all);
        }

        int h = bootstrapper.Parameters.EphemeralHammingWeight;
        if (h == 0)
        {
            return new BootstrappingKeys(relin, galois, null, null);
        }

        int total = ctx.QpModuli.Length, lq = ctx.QModuli.Length;
        using var prng = new CsPrng();
        var small = new long[ctx.N];
        Sampler.FixedHammingWeight(prng, h, small);
        var sparse = new RnsPoly(ctx.N, total);
        RingSampling.SmallToNtt(ctx, small, sparse, total);
        Array.Clear(small);
        RnsPoly dense = keyGenerator.SecretKey.Poly;

        // s → s': only modulo q_0·p_0 (one data prime, one special prime), so the sparse secret never meets a large modulus.
        SwitchingKey toSparse = LevelZeroKeySwitch.CreateKey(ctx, prng, source: dense, target: sparse);
        SwitchingKey fromSparse = CreateSwitchingKey(ctx, prng, target: dense, source: sparse, [.. Enumerable.Range(0, total)], ctx.Parameters.Dnum);
        sparse.Data.Clear();
        return new BootstrappingKeys(relin, galois, toSparse, fromSparse);
    }

    /// <summary>
    /// Hybrid switching key from <paramref name="source"/> to <paramref name="target"/>: digit d is (−a·t + e + P·[source]·1_{digit d}, a)
    /// on the listed limbs (NTT form; the same construction as the library's key generator).
    /// </summary>
    private static SwitchingKey CreateSwitchingKey(CkksContext ctx, CsPrng prng, RnsPoly target, RnsPoly source, List<int> limbs, int digits)
    {
        int n = ctx.N, total = ctx.QpModuli.Length, lq = ctx.QModuli.Length, alpha = ctx.Parameters.Alpha;
        var bs = new RnsPoly[digits];
        var as_ = new RnsPoly[digits];
        for (int d = 0; d < digits; d++)
        {
            var a = new RnsPoly(n, total);
            var b = new RnsPoly(n, total);
            long[] e = RingSampling.Error(n, prng);
            foreach (int i in limbs)
            {
                Sampler.Uniform(prng, ctx.QpModuli[i], a.Limb(i));
            }

            int start = d * alpha, end = Math.Min(start + alpha, lq);
            Parallelism.For(limbs.Count, n, idx =>
            {
                int i = limbs[idx];
                Modulus q = ctx.QpModuli[i];
                Span<ulong> bi = b.Limb(i), ai = a.Limb(i), ti = target.Limb(i);
                for (int j = 0; j < n; j++)
                {
                    bi[j] = q.FromSigned(e[j]);
                }

                Ntt.Forward(bi, ctx.QpTables[i]);
                for (int j = 0; j < n; j++)
                {
                    bi[j] = q.Sub(bi[j], q.Mul(ai[j], ti[j]));
                }

                if (i >= start && i < end)
                {
                    ulong pm = ctx.PModQ[i];
                    Span<ulong> si = source.Limb(i);
                    for (int j = 0; j < n; j++)
                    {
                        bi[j] = q.Add(bi[j], q.Mul(pm, si[j]));
                    }
                }
            });
            bs[d] = b;
            as_[d] = a;
        }

        return new SwitchingKey(ctx.Parameters, 0, bs, as_);
    }
}
