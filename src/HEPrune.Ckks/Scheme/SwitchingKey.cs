using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>A hybrid key-switching key from a secret s' to s: for each digit j, (b_j, a_j) = (−a_j·s + e_j + P·[s']_{Q_j}·(CRT idempotent of digit j), a_j) over Q_L·P.</summary>
/// <remarks>
/// Used through <see cref="RelinearizationKey"/> (s' = s²) and <see cref="GaloisKeys"/> (s' = s(X^g)). Immutable.
/// <para>
/// Layout: a key may be <b>level-restricted</b> to <see cref="MaxLevel"/> L below the top level. It then holds only the limbs that key
/// switching at levels ≤ L reads: q_0..q_L followed by the special primes P (limb index L + 1 + k for p_k), and only the digits covering
/// q_0..q_L. Such a key is the same RLWE sample as an unrestricted key, reduced to the sub-modulus Q_L·P (the CRT projection of
/// (b, a) mod Q·P onto the primes it keeps), so its security is that of an RLWE sample modulo Q_L·P ≤ Q·P, which is no weaker than
/// the full key (a smaller modulus at the same secret and error distribution).
/// </para>
/// </remarks>
public sealed class SwitchingKey
{
    internal SwitchingKey(CkksParameters parameters, ulong galoisElement, RnsPoly[] b, RnsPoly[] a)
        : this(parameters, galoisElement, b, a, parameters.MaxLevel)
    {
    }

    internal SwitchingKey(CkksParameters parameters, ulong galoisElement, RnsPoly[] b, RnsPoly[] a, int maxLevel)
    {
        if (maxLevel < 0 || maxLevel > parameters.MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLevel), maxLevel, $"SwitchingKey: max level must be in [0, {parameters.MaxLevel}].");
        }

        Parameters = parameters;
        GaloisElement = galoisElement;
        B = b;
        A = a;
        MaxLevel = maxLevel;
    }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>The Galois element g for a rotation/conjugation key, 0 for the relinearization key.</summary>
    public ulong GaloisElement { get; }

    /// <summary>Number of decomposition digits (dnum for an unrestricted key, ⌈(L + 1)/α⌉ for a key restricted to level L).</summary>
    public int DigitCount => B.Length;

    /// <summary>The highest ciphertext level this key can switch (the top level <see cref="CkksParameters.MaxLevel"/> for an unrestricted key).</summary>
    public int MaxLevel { get; }

    /// <summary>Whether the key holds fewer data primes than the parameter set (see the remarks).</summary>
    public bool IsLevelRestricted => MaxLevel < Parameters.MaxLevel;

    /// <summary>Number of RNS limbs per key polynomial: L + 1 data primes and the special primes.</summary>
    public int LimbCount => MaxLevel + 1 + Parameters.P.Count;

    /// <summary>Returns the in-memory (and uncompressed serialized residue) size in bytes: 2 · digits · limbs · N · 8.</summary>
    public long SizeInBytes => 2L * DigitCount * LimbCount * Parameters.N * sizeof(ulong);

    internal RnsPoly[] B { get; }

    internal RnsPoly[] A { get; }

    /// <summary>Returns the limb of the key polynomials that holds the prime with global index <paramref name="modulusIndex"/> in Q ∪ P.</summary>
    internal int LimbOf(int modulusIndex)
    {
        int lq = Parameters.Q.Count;
        return modulusIndex < lq ? modulusIndex : MaxLevel + 1 + (modulusIndex - lq);
    }

    /// <summary>Returns the global index in Q ∪ P of key limb <paramref name="limb"/>.</summary>
    internal int ModulusOf(int limb) => limb <= MaxLevel ? limb : Parameters.Q.Count + (limb - MaxLevel - 1);

    /// <summary>
    /// Returns this key reduced to the primes q_0..q_<paramref name="maxLevel"/> and P (and the digits covering them): the same RLWE sample on
    /// fewer primes, so key switching at levels ≤ <paramref name="maxLevel"/> gives bit-identical results with either key.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If <paramref name="maxLevel"/> is negative or above this key's <see cref="MaxLevel"/>.</exception>
    public SwitchingKey RestrictedTo(int maxLevel)
    {
        if (maxLevel < 0 || maxLevel > MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLevel), maxLevel, $"SwitchingKey.RestrictedTo: level must be in [0, {MaxLevel}] (this key's max level).");
        }

        int alpha = Parameters.Alpha, digits = (maxLevel + 1 + alpha - 1) / alpha, n = Parameters.N;
        int limbs = maxLevel + 1 + Parameters.P.Count;
        var b = new RnsPoly[digits];
        var a = new RnsPoly[digits];
        for (int d = 0; d < digits; d++)
        {
            b[d] = new RnsPoly(n, limbs);
            a[d] = new RnsPoly(n, limbs);
            for (int i = 0; i < limbs; i++)
            {
                int m = i <= maxLevel ? i : Parameters.Q.Count + (i - maxLevel - 1);
                B[d].Limb(LimbOf(m)).CopyTo(b[d].Limb(i));
                A[d].Limb(LimbOf(m)).CopyTo(a[d].Limb(i));
            }
        }

        return new SwitchingKey(Parameters, GaloisElement, b, a, maxLevel);
    }

    /// <summary>Throws when a ciphertext at <paramref name="level"/> cannot be switched with this key.</summary>
    /// <exception cref="KeyLevelException">If <paramref name="level"/> exceeds <see cref="MaxLevel"/>.</exception>
    internal void CheckLevel(int level, string operation)
    {
        if (level > MaxLevel)
        {
            string what = GaloisElement == 0 ? "relinearization/switching key" : $"Galois key (element {GaloisElement})";
            throw new KeyLevelException(
                $"{operation}: the {what} is restricted to levels ≤ {MaxLevel} (it holds q_0..q_{MaxLevel} and P) but the ciphertext is at level {level}; " +
                $"generate the key with maxLevel ≥ {level} or drop the ciphertext to level {MaxLevel} first.");
        }

        if (B[0].LimbCount != LimbCount)
        {
            throw new InvalidOperationException($"{operation}: this switching key has {B[0].LimbCount} limbs per polynomial, not the {LimbCount} of the hybrid layout (L = {MaxLevel}); it is not a general key-switching key.");
        }
    }
}
