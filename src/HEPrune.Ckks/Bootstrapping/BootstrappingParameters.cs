using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>
/// A bootstrapping configuration: the CKKS parameters (whose prime chain holds, bottom to top, q_0, the user levels, the
/// SlotsToCoeffs levels, the EvalMod levels and the CoeffsToSlots levels), the level split, EvalMod and the sparse-secret encapsulation.
/// </summary>
/// <param name="Scheme">The CKKS parameter literal (must validate with <see cref="CkksParameters.Create"/>).</param>
/// <param name="CoeffsToSlotsLevels">Number of merged DFT factors (levels) of CoeffsToSlots (1..log2 slots).</param>
/// <param name="SlotsToCoeffsLevels">Number of merged DFT factors (levels) of SlotsToCoeffs (1..log2 slots).</param>
/// <param name="EvalMod">The modular-reduction approximation.</param>
/// <param name="EphemeralHammingWeight">
/// Hamming weight h' of the ephemeral sparse secret s' used only inside bootstrapping (0 = none: then K must bound I for the main secret).
/// The level-0 ciphertext is switched to s' (with a key that exists only modulo q_0·p_0), raised, and switched back to s at the top level.
/// </param>
/// <param name="LogSlots">
/// log2 of the number n' of message slots: N/2 (full packing) or fewer (sparse packing: the message is n'-periodic over the N/2 slots,
/// i.e. a polynomial in X^(N/(2n')); bootstrapping then first sums the n/n' rotations by multiples of n' to clear the other coefficients).
/// Null means full packing.
/// </param>
public sealed record BootstrappingParameters(
    CkksParametersLiteral Scheme,
    int CoeffsToSlotsLevels,
    int SlotsToCoeffsLevels,
    EvalModParameters EvalMod,
    int EphemeralHammingWeight,
    int? LogSlots = null)
{
    /// <summary>
    /// Whether the DFT diagonals of CoeffsToSlots/SlotsToCoeffs are kept as slot values and encoded at each bootstrap instead of being
    /// stored encoded (at N = 2^16: ≈ 160 MiB instead of ≈ 3.5 GiB, for a few extra seconds of encoding per bootstrap). Results are identical.
    /// </summary>
    public bool EncodeDiagonalsOnTheFly { get; init; }

    /// <summary>log2 of the number of message slots for the given scheme parameters.</summary>
    public int EffectiveLogSlots(CkksParameters parameters) => LogSlots ?? parameters.LogN - 1;

    /// <summary>Levels consumed by one bootstrap (CoeffsToSlots + EvalMod + SlotsToCoeffs).</summary>
    public int Depth => CoeffsToSlotsLevels + EvalMod.Depth + SlotsToCoeffsLevels;

    /// <summary>Returns the level of a bootstrapped ciphertext for the given scheme parameters (MaxLevel − Depth).</summary>
    public int OutputLevel(CkksParameters parameters) => parameters.MaxLevel - Depth;

    /// <summary>Checks the configuration against validated scheme parameters.</summary>
    /// <exception cref="ArgumentException">If a field is out of range or the chain is too short (the message names the field).</exception>
    public void Validate(CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        EvalMod.Validate();
        if (LogSlots is int ls && (ls < 1 || ls > parameters.LogN - 1))
        {
            throw new ArgumentException($"BootstrappingParameters: LogSlots = {ls} must be in [1, log2(N/2) = {parameters.LogN - 1}].");
        }

        int logSlots = EffectiveLogSlots(parameters);
        if (CoeffsToSlotsLevels < 1 || CoeffsToSlotsLevels > logSlots || SlotsToCoeffsLevels < 1 || SlotsToCoeffsLevels > logSlots)
        {
            throw new ArgumentException($"BootstrappingParameters: CoeffsToSlotsLevels = {CoeffsToSlotsLevels} and SlotsToCoeffsLevels = {SlotsToCoeffsLevels} must be in [1, log2 slots = {logSlots}].");
        }

        if (OutputLevel(parameters) < 0)
        {
            throw new ArgumentException($"BootstrappingParameters: bootstrapping needs {Depth} levels but the chain has only L = {parameters.MaxLevel}.");
        }

        if (EphemeralHammingWeight < 0 || EphemeralHammingWeight > parameters.N)
        {
            throw new ArgumentException($"BootstrappingParameters: EphemeralHammingWeight = {EphemeralHammingWeight} must be in [0, N = {parameters.N}].");
        }

        double ratio = Math.Log2(parameters.Q[0]) - parameters.LogDefaultScale;
        if (ratio < 4)
        {
            throw new ArgumentException($"BootstrappingParameters: q_0/Δ = 2^{ratio:F1} leaves too little room; the sine approximation needs the message far below q_0 (use q_0 ≥ 2^4·Δ, typically 2^8·Δ).");
        }
    }
}
