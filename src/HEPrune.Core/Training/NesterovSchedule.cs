namespace HEPrune.Core.Training;

/// <summary>
/// The momentum schedule of the inferred Nesterov form (spec §1.4, as in CKKS logistic-regression work):
/// w_{t+1} = v_t − η·g(v_t), v_{t+1} = w_{t+1} − γ_t·(w_{t+1} − w_t), with λ₁ = 1, λ_{t+1} = (1 + √(1 + 4λ_t²))/2 and
/// γ_t = (1 − λ_t)/λ_{t+1} (so γ₁ = 0 and γ_t → −1, i.e. momentum → 1).
/// </summary>
/// <remarks>HETAL's exact recurrence inside heaan_sdk was not found; this is the FISTA-style form the spec guesses.</remarks>
public static class NesterovSchedule
{
    /// <summary>Returns γ_t for step t ≥ 1.</summary>
    public static double Gamma(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        double lambda = 1;
        for (int i = 1; i < t; i++) lambda = Next(lambda);
        return (1 - lambda) / Next(lambda);
    }

    private static double Next(double lambda) => (1 + Math.Sqrt(1 + 4 * lambda * lambda)) / 2;
}
