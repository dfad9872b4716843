namespace HEPrune.Ckks.Scheme;

/// <summary>Named CKKS parameter sets. Insecure sets (test-only, small N) are named <c>InsecureTest…</c> and marked <see cref="SecurityLevel.TestOnlyInsecure"/>.</summary>
/// <remarks>
/// Prime chains are generated deterministically from the bit sizes (see <see cref="CkksParametersLiteral"/>), so a preset always yields the same primes
/// and fingerprint. The 128-bit sets are checked against <see cref="SecurityStandard"/> (uniform ternary secret, classical).
/// </remarks>
public static class Presets
{
    private static readonly Lazy<CkksParameters> s_test10 = new(() => CkksParameters.Create(InsecureTestLiteral(10, 5, 2)));
    private static readonly Lazy<CkksParameters> s_test11 = new(() => CkksParameters.Create(InsecureTestLiteral(11, 5, 2)));
    private static readonly Lazy<CkksParameters> s_test12 = new(() => CkksParameters.Create(InsecureTestLiteral(12, 8, 3)));
    private static readonly Lazy<CkksParameters> s_n13 = new(() => CkksParameters.Create(N13Literal));
    private static readonly Lazy<CkksParameters> s_n14 = new(() => CkksParameters.Create(N14Literal));
    private static readonly Lazy<CkksParameters> s_n15 = new(() => CkksParameters.Create(N15Literal));
    private static readonly Lazy<CkksParameters> s_n16 = new(() => CkksParameters.Create(PaperN16Literal));

    /// <summary>INSECURE, tests only. N = 2^10 (512 slots); Q = one 60-bit base prime + 5 × 40-bit scaling primes (L = 5); P = 2 × 61-bit; dnum = 3; Δ = 2^40.</summary>
    public static CkksParameters InsecureTestN10 => s_test10.Value;

    /// <summary>INSECURE, tests only. N = 2^11 (1024 slots); same chain as <see cref="InsecureTestN10"/>.</summary>
    public static CkksParameters InsecureTestN11 => s_test11.Value;

    /// <summary>INSECURE, tests only. N = 2^12; Q = 60-bit base + 8 × 40-bit (L = 8); P = 3 × 61-bit; dnum = 3; Δ = 2^40 (log QP ≈ 563 ≫ 109).</summary>
    public static CkksParameters InsecureTestN12 => s_test12.Value;

    /// <summary>
    /// 128-bit. N = 2^13 (4096 slots). Q: 48-bit base prime (q_0 leaves 8 bits above Δ for the message) + 3 × 40-bit scaling primes, L = 3;
    /// P: one 49-bit special prime; dnum = 4 (one prime per digit, P ≥ the largest digit); Δ = 2^40; log QP ≈ 217 ≤ 218.
    /// </summary>
    public static CkksParameters N13 => s_n13.Value;

    /// <summary>
    /// 128-bit. N = 2^14 (8192 slots). Q: 55-bit base + 7 × 40-bit, L = 7; P: 2 × 50-bit; dnum = 4 (digits of 2 primes, ≤ 95 bits ≤ log P = 100);
    /// Δ = 2^40; log QP ≈ 435 ≤ 438.
    /// </summary>
    public static CkksParameters N14 => s_n14.Value;

    /// <summary>
    /// 128-bit. N = 2^15 (16384 slots). Q: 58-bit base + 14 × 42-bit, L = 14; P: 5 × 46-bit (230 bits); dnum = 3 (digits of 5 primes, ≤ 226 bits);
    /// Δ = 2^42; log QP ≈ 876 ≤ 881.
    /// </summary>
    public static CkksParameters N15 => s_n15.Value;

    /// <summary>
    /// The paper's setting (HEaaN FGb-like shape): N = 2^16, 2^15 complex slots, Δ = 2^42, 12 usable levels.
    /// Q: q_0 = 58-bit base prime (16 bits of headroom above Δ for the decrypted message) + 12 × 42-bit scaling primes (≈ Δ, alternating
    /// just below/above 2^42), L = 12, log Q ≈ 562. P: 5 × 46-bit special primes (230 bits) for hybrid key switching with dnum = 3
    /// (digits of 5, 5, 3 primes; the largest is 226 bits ≤ log P). Total log QP ≈ 792 ≤ 1555 (FGb's total) ≤ 1772 (128-bit bound for 2^16);
    /// the remaining ≈ 763 bits of the 1555-bit budget are reserved for the bootstrapping levels (a later issue). Uniform ternary secret.
    /// </summary>
    public static CkksParameters PaperN16 => s_n16.Value;

    /// <summary>Literal of <see cref="N13"/>.</summary>
    public static CkksParametersLiteral N13Literal => new() { LogN = 13, LogQ = [48, 40, 40, 40], LogP = [49], Dnum = 4, LogDefaultScale = 40 };

    /// <summary>Literal of <see cref="N14"/>.</summary>
    public static CkksParametersLiteral N14Literal => new() { LogN = 14, LogQ = [55, .. Enumerable.Repeat(40, 7)], LogP = [50, 50], Dnum = 4, LogDefaultScale = 40 };

    /// <summary>Literal of <see cref="N15"/>.</summary>
    public static CkksParametersLiteral N15Literal => new() { LogN = 15, LogQ = [58, .. Enumerable.Repeat(42, 14)], LogP = [46, 46, 46, 46, 46], Dnum = 3, LogDefaultScale = 42 };

    /// <summary>Literal of <see cref="PaperN16"/>.</summary>
    public static CkksParametersLiteral PaperN16Literal => new() { LogN = 16, LogQ = [58, .. Enumerable.Repeat(42, 12)], LogP = [46, 46, 46, 46, 46], Dnum = 3, LogDefaultScale = 42 };

    /// <summary>Returns the preset with the given name (case-insensitive: InsecureTestN10/11/12, N13, N14, N15, PaperN16).</summary>
    /// <exception cref="ArgumentException">If the name is unknown (the message lists the known names).</exception>
    public static CkksParameters ByName(string name) => name.ToUpperInvariant().Replace("-", "", StringComparison.Ordinal) switch
    {
        "INSECURETESTN10" => InsecureTestN10,
        "INSECURETESTN11" => InsecureTestN11,
        "INSECURETESTN12" => InsecureTestN12,
        "N13" => N13,
        "N14" => N14,
        "N15" => N15,
        "PAPERN16" => PaperN16,
        _ => throw new ArgumentException($"Presets: unknown preset '{name}'; known: InsecureTestN10, InsecureTestN11, InsecureTestN12, N13, N14, N15, PaperN16.", nameof(name)),
    };

    private static CkksParametersLiteral InsecureTestLiteral(int logN, int levels, int specialPrimes) => new()
    {
        LogN = logN,
        LogQ = [60, .. Enumerable.Repeat(40, levels)],
        LogP = [.. Enumerable.Repeat(61, specialPrimes)],
        Dnum = 3,
        LogDefaultScale = 40,
        Security = SecurityLevel.TestOnlyInsecure,
    };
}
