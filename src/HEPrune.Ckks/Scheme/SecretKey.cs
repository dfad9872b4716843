using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>The secret key s (small coefficients), kept in NTT form over all data and special primes. Client side only.</summary>
/// <remarks>No evaluator type holds or can reach a secret key; only <see cref="KeyGenerator"/>, <see cref="Encryptor"/> (secret-key mode) and <see cref="Decryptor"/> take one.</remarks>
public sealed class SecretKey
{
    internal SecretKey(CkksParameters parameters, RnsPoly poly)
    {
        Parameters = parameters;
        Poly = poly;
    }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>s in NTT form over q_0..q_L, p_0..p_{K−1}.</summary>
    internal RnsPoly Poly { get; }

    /// <inheritdoc />
    public override string ToString() => $"SecretKey(N=2^{Parameters.LogN})";
}
