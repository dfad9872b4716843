namespace HEPrune.Core.He;

/// <summary>
/// Describes the shape of a CKKS parameter set as the backend-neutral layer sees it: slot count, the modulus chain
/// as prime bit sizes, and the default scale.
/// </summary>
/// <remarks>
/// Level ℓ means the ciphertext lives modulo q₀·q₁·…·q_ℓ; <c>PrimeBits[0]</c> is the base prime and
/// <c>PrimeBits[ℓ]</c> is the prime dropped by the rescale that takes level ℓ to ℓ−1. The emulated backend models
/// every prime as exactly 2^bits, so with 42-bit primes and a 2^42 scale the scale stays exactly 2^42.
/// </remarks>
public sealed record HeParameters
{
    /// <summary>Creates a validated parameter shape.</summary>
    /// <param name="slots">Number of complex slots (N/2), a power of two ≥ 2.</param>
    /// <param name="primeBits">Bit sizes of q₀ … q_L; at least two entries, each in [20, 62].</param>
    /// <param name="defaultScaleBits">log2 of the encoding scale used for fresh ciphertexts.</param>
    /// <param name="headerBytes">Bytes of a serialized ciphertext header (magic, version, level, scale, ids).</param>
    /// <exception cref="ArgumentException">A value is outside its documented range.</exception>
    public HeParameters(int slots, IReadOnlyList<int> primeBits, int defaultScaleBits = 42, int headerBytes = 32)
    {
        if (slots < 2 || (slots & (slots - 1)) != 0)
            throw new ArgumentException($"HeParameters: slots must be a power of two >= 2, got {slots}.", nameof(slots));
        ArgumentNullException.ThrowIfNull(primeBits);
        if (primeBits.Count < 2)
            throw new ArgumentException($"HeParameters: need a base prime and at least one level prime, got {primeBits.Count} primes.", nameof(primeBits));
        for (int i = 0; i < primeBits.Count; i++)
        {
            if (primeBits[i] < 20 || primeBits[i] > 62)
                throw new ArgumentException($"HeParameters: primeBits[{i}] = {primeBits[i]} is outside [20, 62].", nameof(primeBits));
        }
        if (defaultScaleBits < 10 || defaultScaleBits > 62)
            throw new ArgumentException($"HeParameters: defaultScaleBits = {defaultScaleBits} is outside [10, 62].", nameof(defaultScaleBits));
        if (headerBytes < 0)
            throw new ArgumentException($"HeParameters: headerBytes = {headerBytes} must be >= 0.", nameof(headerBytes));
        Slots = slots;
        PrimeBits = primeBits.ToArray();
        DefaultScaleBits = defaultScaleBits;
        HeaderBytes = headerBytes;
    }

    /// <summary>Number of complex slots per ciphertext (N/2).</summary>
    public int Slots { get; }

    /// <summary>Ring degree N = 2·slots.</summary>
    public int RingDegree => 2 * Slots;

    /// <summary>Bit sizes of the modulus chain q₀ … q_L.</summary>
    public IReadOnlyList<int> PrimeBits { get; }

    /// <summary>Highest level L (a fresh encryption's level).</summary>
    public int MaxLevel => PrimeBits.Count - 1;

    /// <summary>log2 of the default scale Δ.</summary>
    public int DefaultScaleBits { get; }

    /// <summary>Default scale Δ = 2^DefaultScaleBits.</summary>
    public double DefaultScale => Math.ScaleB(1.0, DefaultScaleBits);

    /// <summary>Bytes of the header that precedes a serialized ciphertext.</summary>
    public int HeaderBytes { get; }

    /// <summary>Returns the modelled value of prime q_level (2^bits).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside [0, MaxLevel].</exception>
    public double PrimeValue(int level)
    {
        if ((uint)level > (uint)MaxLevel)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Level must be in [0, {MaxLevel}].");
        return Math.ScaleB(1.0, PrimeBits[level]);
    }

    /// <summary>Returns the serialized size in bytes of a CKKS ciphertext at the given level: 2·N·8·(level+1) + header.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside [0, MaxLevel].</exception>
    public long CiphertextBytes(int level)
    {
        if ((uint)level > (uint)MaxLevel)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Level must be in [0, {MaxLevel}].");
        return 2L * RingDegree * 8L * (level + 1) + HeaderBytes;
    }

    /// <summary>The paper preset (HEaaN FGb as used by HETAL/HEPrune): N = 2^16, 2^15 slots, a 58-bit base prime and 12 levels of 42-bit primes, scale 2^42.</summary>
    public static HeParameters PaperN16 { get; } = Create(1 << 15, 12);

    /// <summary>Creates a shape with the given slots and <paramref name="levels"/> 42-bit level primes over a 58-bit base prime.</summary>
    /// <exception cref="ArgumentException">A value is outside its documented range.</exception>
    public static HeParameters Create(int slots, int levels)
    {
        if (levels < 1)
            throw new ArgumentException($"HeParameters.Create: levels must be >= 1, got {levels}.", nameof(levels));
        var bits = new int[levels + 1];
        bits[0] = 58;
        for (int i = 1; i <= levels; i++) bits[i] = 42;
        return new HeParameters(slots, bits);
    }
}
