namespace HEPrune.Ckks.Scheme;

/// <summary>How secret-key coefficients are drawn.</summary>
public enum SecretDistribution
{
    /// <summary>Independent uniform coefficients in {−1, 0, 1} (the HE standard's ternary secret).</summary>
    UniformTernary = 0,

    /// <summary>Exactly h nonzero coefficients ±1 at uniform positions (sparse secret; h given by the parameters).</summary>
    FixedHammingWeight = 1,
}
