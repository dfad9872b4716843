using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>Named bootstrapping configurations. <c>InsecureTest…</c> sets are for fast tests only (no security).</summary>
/// <remarks>
/// Common shape (bottom to top of the chain): q_0 = 50-bit prime (message ratio q_0/Δ ≈ 2^8 with Δ = 2^42); the user levels (42-bit primes,
/// ≈ Δ); 3 SlotsToCoeffs levels (42-bit); 9 EvalMod levels (60-bit, EvalMod runs at scale 2^60: at N = 2^16 its rounding noise, amplified by q_0/Δ and √(2n), bounds the precision); 3 CoeffsToSlots levels (55-bit).
/// EvalMod: K = 16, cosine degree 40 (even, evaluated in T_2(x): degree 20), 3 double-angle steps; interpolation error of sin(2πt) 2^−41.7
/// on |t| ≤ 16. Secret: dense uniform ternary s; inside bootstrapping the level-0 ciphertext is switched to an ephemeral sparse secret s'
/// of Hamming weight 32 (key only modulo q_0·p_0, ≈ 106 bits), so |I| ≤ 16 fails with probability below 2^−50 per coefficient (Irwin–Hall tail of 33
/// uniform terms; see docs/bootstrapping.md).
/// </remarks>
public static class BootstrappingPresets
{
    private static readonly EvalModParameters s_evalMod = new(K: 16, CosineDegree: 40, DoubleAngleSteps: 3, LogScale: 60);

    /// <summary>
    /// INSECURE, tests only. N = 2^10 (512 slots). Q: 50 + 2 × 42 (user levels) + 3 × 42 (StC) + 9 × 60 (EvalMod) + 3 × 55 (CtS), L = 17;
    /// P: 5 × 56; dnum = 5 (digits ≤ 240 bits, 40 bits below P, so key switching adds only rounding noise). Output level 2.
    /// </summary>
    public static BootstrappingParameters InsecureTestN10 => Make(10, 2, 5, [56, 56, 56, 56, 56], SecurityLevel.TestOnlyInsecure);

    /// <summary>
    /// The paper's shape at 128-bit security: N = 2^16, 2^15 slots, Δ = 2^42, 12 user levels after bootstrapping.
    /// Q: 50 + 12 × 42 + 3 × 42 + 9 × 60 + 3 × 55 = 1385 bits (28 primes); P: 6 × 56 = 336 bits; dnum = 6 (digits ≤ 300 bits, 36 bits below P);
    /// log QP ≈ 1721 ≤ 1772 (HE standard, uniform ternary secret, classical 128-bit). Dense ternary main secret; the h' = 32
    /// ephemeral secret only ever appears modulo q_0·p_0 (≈ 106 bits), see docs/bootstrapping.md for its security discussion.
    /// </summary>
    public static BootstrappingParameters N16 => Make(16, 12, 6, [56, 56, 56, 56, 56, 56], SecurityLevel.Classical128);

    /// <summary>
    /// INSECURE below N = 2^16 (profiling and development only): the <see cref="N16"/> chain, P and dnum at ring degree 2^<paramref name="logN"/>,
    /// so every phase does the same number of levels, limbs and key-switch digits as at N = 2^16 with N/2^16 of the work per limb.
    /// At <paramref name="logN"/> = 16 this is <see cref="N16"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If logN is outside [10, 16].</exception>
    public static BootstrappingParameters N16Shape(int logN)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(logN, 10);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(logN, 16);
        return logN == 16 ? N16 : Make(logN, 12, 6, [56, 56, 56, 56, 56, 56], SecurityLevel.TestOnlyInsecure);
    }

    private static BootstrappingParameters Make(int logN, int userLevels, int dnum, int[] logP, SecurityLevel security)
    {
        var logQ = new List<int> { 50 };
        logQ.AddRange(Enumerable.Repeat(42, userLevels + 3));
        logQ.AddRange(Enumerable.Repeat(60, s_evalMod.Depth));
        logQ.AddRange(Enumerable.Repeat(55, 3));
        var literal = new CkksParametersLiteral
        {
            LogN = logN,
            LogQ = [.. logQ],
            LogP = logP,
            Dnum = dnum,
            LogDefaultScale = 42,
            Security = security,
        };
        return new BootstrappingParameters(literal, CoeffsToSlotsLevels: 3, SlotsToCoeffsLevels: 3, s_evalMod, EphemeralHammingWeight: 32);
    }
}
