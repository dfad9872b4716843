namespace HEPrune.Ckks.Bootstrapping;

/// <summary>
/// Parameters of the homomorphic modular reduction (Han–Ki cosine with double-angle steps): t ↦ sin(2πt)/(2π) ≈ t − round(t) for
/// t = m/ratio + I with |I| ≤ K.
/// </summary>
/// <remarks>
/// The slots hold x = (t − 1/4)/K' with K' = K + 1/4, so x ∈ [−1, 1]. A Chebyshev interpolant of cos(2π·K'·x/2^r) of degree
/// <see cref="CosineDegree"/> (even, evaluated as a series in T_2(x)) is followed by r = <see cref="DoubleAngleSteps"/> steps y ↦ 2y² − 1,
/// which give cos(2π(t − 1/4)) = sin(2πt). Levels: 1 (T_2) + ⌈log2(degree/2)⌉ + 1 (combination) + r.
/// </remarks>
/// <param name="K">Bound on |I| (the integer part after modulus raising; set by the secret's Hamming weight and the failure probability).</param>
/// <param name="CosineDegree">Degree of the cosine interpolant (even).</param>
/// <param name="DoubleAngleSteps">Number r of double-angle steps.</param>
/// <param name="LogScale">log2 of the scale the EvalMod circuit runs at (its primes should have about this size).</param>
public sealed record EvalModParameters(int K, int CosineDegree, int DoubleAngleSteps, double LogScale)
{
    /// <summary>The normalisation K' = K + 1/4 (x = (t − 1/4)/K').</summary>
    public double Normalization => K + 0.25;

    /// <summary>Levels consumed by EvalMod.</summary>
    public int Depth => 1 + ChebyshevEvaluator.Depth(CosineDegree / 2) + DoubleAngleSteps;

    /// <summary>Returns the cosine series on [−1, 1] (in x) and checks it is even and of the stated degree.</summary>
    public ChebyshevSeries CosineSeries()
    {
        double a = 2 * Math.PI * Normalization / Math.Pow(2, DoubleAngleSteps);
        return ChebyshevSeries.Interpolate(x => Math.Cos(a * x), CosineDegree);
    }

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="ArgumentException">If a field is out of range (the message names it).</exception>
    public void Validate()
    {
        if (K < 1 || K > 4096)
        {
            throw new ArgumentException($"EvalModParameters: K = {K} must be in [1, 4096].");
        }

        if (CosineDegree < 2 || CosineDegree % 2 != 0 || CosineDegree > 512)
        {
            throw new ArgumentException($"EvalModParameters: CosineDegree = {CosineDegree} must be even and in [2, 512].");
        }

        if (DoubleAngleSteps < 0 || DoubleAngleSteps > 10)
        {
            throw new ArgumentException($"EvalModParameters: DoubleAngleSteps = {DoubleAngleSteps} must be in [0, 10].");
        }

        if (!(LogScale >= 20 && LogScale <= 60))
        {
            throw new ArgumentException($"EvalModParameters: LogScale = {LogScale} must be in [20, 60].");
        }
    }
}
