namespace HEPrune.Ckks.Scheme;

/// <summary>An unchecked description of a CKKS parameter set (bind it from configuration, then validate with <see cref="CkksParameters.Create"/>).</summary>
/// <remarks>
/// Give the primes either explicitly (<see cref="Q"/>, <see cref="P"/>) or as bit sizes (<see cref="LogQ"/>, <see cref="LogP"/>); with bit sizes,
/// q_0 is the largest NTT prime below 2^LogQ[0], the scaling primes q_1.. are the NTT primes closest to 2^LogQ[i] (alternately below and
/// above, which keeps the scale stable across rescales), and the special primes are the largest ones below 2^LogP[k].
/// </remarks>
public sealed record CkksParametersLiteral
{
    /// <summary>log2 of the ring degree N (12..16; 10..11 only with <see cref="SecurityLevel.TestOnlyInsecure"/>).</summary>
    public int LogN { get; init; }

    /// <summary>Bit sizes of the data primes q_0 (base prime) … q_L (one per level).</summary>
    public int[]? LogQ { get; init; }

    /// <summary>Explicit data primes (instead of <see cref="LogQ"/>).</summary>
    public ulong[]? Q { get; init; }

    /// <summary>Bit sizes of the special key-switching primes p_0 … p_{K−1}.</summary>
    public int[]? LogP { get; init; }

    /// <summary>Explicit special primes (instead of <see cref="LogP"/>).</summary>
    public ulong[]? P { get; init; }

    /// <summary>Number of digits of the hybrid key-switching decomposition (1 ≤ dnum ≤ L+1); each digit groups ⌈(L+1)/dnum⌉ data primes.</summary>
    public int Dnum { get; init; } = 1;

    /// <summary>log2 of the default encoding scale Δ.</summary>
    public double LogDefaultScale { get; init; }

    /// <summary>Secret-key distribution.</summary>
    public SecretDistribution Secret { get; init; } = SecretDistribution.UniformTernary;

    /// <summary>Hamming weight h for <see cref="SecretDistribution.FixedHammingWeight"/> (ignored otherwise).</summary>
    public int HammingWeight { get; init; }

    /// <summary>Security claim; <see cref="SecurityLevel.Classical128"/> is verified against <see cref="SecurityStandard"/>.</summary>
    public SecurityLevel Security { get; init; } = SecurityLevel.Classical128;
}
