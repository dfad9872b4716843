using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Randomness;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>Generates the secret key and, from it, the public key, the relinearization key and Galois (rotation/conjugation) keys. Client side.</summary>
/// <remarks>All randomness comes from <see cref="CsPrng"/> seeded by the OS. Safe to use from several threads (each call draws its own generator).</remarks>
public sealed class KeyGenerator
{
    private readonly CkksContext _ctx;

    /// <summary>Creates a generator with a fresh secret key.</summary>
    public KeyGenerator(CkksContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ctx = context;
        using var prng = new CsPrng();
        long[] s = RingSampling.Secret(context.Parameters, prng);
        var poly = new RnsPoly(context.N, context.QpModuli.Length);
        RingSampling.SmallToNtt(context, s, poly, context.QpModuli.Length);
        Array.Clear(s);
        SecretKey = new SecretKey(context.Parameters, poly);
    }

    /// <summary>Creates a generator for an existing secret key.</summary>
    /// <exception cref="ParametersMismatchException">If the key belongs to other parameters.</exception>
    public KeyGenerator(CkksContext context, SecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(secretKey);
        context.CheckParameters(secretKey.Parameters, "KeyGenerator", "the secret key");
        _ctx = context;
        SecretKey = secretKey;
    }

    /// <summary>The secret key (keep it on the client).</summary>
    public SecretKey SecretKey { get; }

    /// <summary>Returns the largest set of power-of-two rotation steps ±1, ±2, ±4, … (enough to compose any rotation).</summary>
    public static int[] PowerOfTwoSteps(int slots)
    {
        var steps = new List<int>();
        for (int k = 1; k < slots; k <<= 1)
        {
            steps.Add(k);
            steps.Add(-k);
        }

        return [.. steps];
    }

    /// <summary>Creates a fresh public key (b, a) = (−a·s + e, a) over the data primes.</summary>
    public PublicKey CreatePublicKey()
    {
        int lq = _ctx.QModuli.Length;
        using var prng = new CsPrng();
        var a = new RnsPoly(_ctx.N, lq);
        RingSampling.Uniform(_ctx, prng, a, lq);
        var b = new RnsPoly(_ctx.N, lq);
        RingSampling.SmallToNtt(_ctx, RingSampling.Error(_ctx.N, prng), b, lq);
        Parallelism.For(lq, _ctx.N, i =>
        {
            Modulus q = _ctx.QModuli[i];
            Span<ulong> bi = b.Limb(i), ai = a.Limb(i), si = SecretKey.Poly.Limb(i);
            for (int j = 0; j < bi.Length; j++)
            {
                bi[j] = q.Sub(bi[j], q.Mul(ai[j], si[j]));
            }
        });
        return new PublicKey(_ctx.Parameters, b, a);
    }

    /// <summary>Creates the relinearization key (switching s² → s).</summary>
    public RelinearizationKey CreateRelinearizationKey() => CreateRelinearizationKey(_ctx.MaxLevel);

    /// <summary>Creates the relinearization key restricted to ciphertext levels ≤ <paramref name="maxLevel"/> (see <see cref="SwitchingKey"/>: only q_0..q_L and P).</summary>
    /// <exception cref="ArgumentOutOfRangeException">If <paramref name="maxLevel"/> is outside [0, MaxLevel].</exception>
    public RelinearizationKey CreateRelinearizationKey(int maxLevel)
    {
        CheckMaxLevel(maxLevel);
        int lq = _ctx.QModuli.Length;
        var s2 = new RnsPoly(_ctx.N, lq);
        for (int i = 0; i < lq; i++)
        {
            RnsMath.Mul(SecretKey.Poly.Limb(i), SecretKey.Poly.Limb(i), s2.Limb(i), _ctx.QModuli[i]);
        }

        return new RelinearizationKey(CreateSwitchingKey(s2, 0, maxLevel));
    }

    /// <summary>Creates Galois keys for left rotations by each of <paramref name="steps"/> (negative = right) and, optionally, conjugation.</summary>
    /// <exception cref="ArgumentException">If a step is a multiple of the slot count (the identity needs no key).</exception>
    public GaloisKeys CreateGaloisKeys(IEnumerable<int> steps, bool includeConjugation = false) => CreateGaloisKeys(steps, includeConjugation, _ctx.MaxLevel);

    /// <summary>
    /// Creates Galois keys as <see cref="CreateGaloisKeys(IEnumerable{int}, bool)"/>, restricted to ciphertext levels ≤ <paramref name="maxLevel"/>:
    /// each key holds only q_0..q_L and P and the digits covering q_0..q_L (the same RLWE sample reduced to Q_L·P; see <see cref="SwitchingKey"/>).
    /// </summary>
    /// <exception cref="ArgumentException">If a step is a multiple of the slot count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">If <paramref name="maxLevel"/> is outside [0, MaxLevel].</exception>
    public GaloisKeys CreateGaloisKeys(IEnumerable<int> steps, bool includeConjugation, int maxLevel)
    {
        CheckMaxLevel(maxLevel);
        ArgumentNullException.ThrowIfNull(steps);
        var elements = new List<ulong>();
        foreach (int k in steps)
        {
            ulong g = GaloisElements.ForRotation(k, _ctx.N);
            if (g == 1)
            {
                throw new ArgumentException($"KeyGenerator.CreateGaloisKeys: step {k} is a multiple of the slot count {_ctx.Parameters.Slots} (identity); no key needed.", nameof(steps));
            }

            elements.Add(g);
        }

        if (includeConjugation)
        {
            elements.Add(GaloisElements.ForConjugation(_ctx.N));
        }

        return CreateGaloisKeysForElements(elements, maxLevel);
    }

    /// <summary>Creates Galois keys for the given Galois elements (odd, in (1, 2N)).</summary>
    /// <exception cref="ArgumentException">If an element is even or out of range.</exception>
    public GaloisKeys CreateGaloisKeysForElements(IEnumerable<ulong> galoisElements) => CreateGaloisKeysForElements(galoisElements, _ctx.MaxLevel);

    /// <summary>Creates Galois keys for the given Galois elements, restricted to ciphertext levels ≤ <paramref name="maxLevel"/> (see <see cref="SwitchingKey"/>).</summary>
    /// <exception cref="ArgumentException">If an element is even or out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException">If <paramref name="maxLevel"/> is outside [0, MaxLevel].</exception>
    public GaloisKeys CreateGaloisKeysForElements(IEnumerable<ulong> galoisElements, int maxLevel)
    {
        CheckMaxLevel(maxLevel);
        ArgumentNullException.ThrowIfNull(galoisElements);
        var keys = new Dictionary<ulong, SwitchingKey>();
        int lq = _ctx.QModuli.Length;
        foreach (ulong g in galoisElements)
        {
            if ((g & 1) == 0 || g <= 1 || g >= 2UL * (ulong)_ctx.N)
            {
                throw new ArgumentException($"KeyGenerator: Galois element {g} must be odd and in (1, {2 * _ctx.N}).", nameof(galoisElements));
            }

            if (keys.ContainsKey(g))
            {
                continue;
            }

            int[] perm = _ctx.GaloisPermutation(g);
            var sg = new RnsPoly(_ctx.N, lq);
            for (int i = 0; i < lq; i++)
            {
                Automorphism.ApplyNtt(SecretKey.Poly.Limb(i), sg.Limb(i), perm);
            }

            keys[g] = CreateSwitchingKey(sg, g, maxLevel);
        }

        return new GaloisKeys(_ctx.Parameters, keys);
    }

    private void CheckMaxLevel(int maxLevel)
    {
        if (maxLevel < 0 || maxLevel > _ctx.MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLevel), maxLevel, $"KeyGenerator: key max level must be in [0, {_ctx.MaxLevel}].");
        }
    }

    /// <summary>
    /// Digit d of the key is (−a·s + e + P·s'·1_{digit d}, a) on q_0..q_maxLevel and P only (key limb i holds prime <see cref="SwitchingKey.ModulusOf"/>(i)):
    /// exactly the residues of an unrestricted key's sample on those primes, with the digits that touch q_0..q_maxLevel.
    /// </summary>
    private SwitchingKey CreateSwitchingKey(RnsPoly sPrime, ulong galoisElement, int maxLevel)
    {
        int lq = _ctx.QModuli.Length, k = _ctx.PModuli.Length, limbs = maxLevel + 1 + k, alpha = _ctx.Parameters.Alpha;
        int dnum = _ctx.DigitCount(maxLevel);
        Func<int, int> map = i => i <= maxLevel ? i : lq + (i - maxLevel - 1);
        var bs = new RnsPoly[dnum];
        var as_ = new RnsPoly[dnum];
        using var prng = new CsPrng();
        for (int d = 0; d < dnum; d++)
        {
            var a = new RnsPoly(_ctx.N, limbs);
            RingSampling.Uniform(_ctx, prng, a, limbs, map);
            var b = new RnsPoly(_ctx.N, limbs);
            RingSampling.SmallToNtt(_ctx, RingSampling.Error(_ctx.N, prng), b, limbs, map);
            int start = d * alpha, end = Math.Min(start + alpha, lq);
            Parallelism.For(limbs, _ctx.N, i =>
            {
                int m = map(i);
                Modulus q = _ctx.QpModuli[m];
                Span<ulong> bi = b.Limb(i), ai = a.Limb(i), si = SecretKey.Poly.Limb(m);
                for (int j = 0; j < bi.Length; j++)
                {
                    bi[j] = q.Sub(bi[j], q.Mul(ai[j], si[j]));
                }

                if (m >= start && m < end)
                {
                    ulong pm = _ctx.PModQ[m];
                    Span<ulong> sp = sPrime.Limb(m);
                    for (int j = 0; j < bi.Length; j++)
                    {
                        bi[j] = q.Add(bi[j], q.Mul(pm, sp[j]));
                    }
                }
            });
            bs[d] = b;
            as_[d] = a;
        }

        return new SwitchingKey(_ctx.Parameters, galoisElement, bs, as_, maxLevel);
    }
}
