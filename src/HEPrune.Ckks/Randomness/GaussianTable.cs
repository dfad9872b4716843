namespace HEPrune.Ckks.Randomness;

/// <summary>Cumulative table of |X| for the truncated discrete Gaussian used by <see cref="Sampler.Gaussian"/>, scaled to 2^63.</summary>
/// <remarks>
/// With ρ(x) = exp(−x²/2σ²) and Z = Σ_{|x| ≤ B} ρ(x): P(|X| = 0) = 1/Z, P(|X| = k) = 2ρ(k)/Z for 1 ≤ k ≤ B. Entry k (0 ≤ k &lt; B) is
/// T_k = round(2^63·P(|X| ≤ k)), computed as 2^63 minus the (small, precisely representable) upper tail so that the rare large values keep
/// their relative precision. A uniform 63-bit u gives |X| = #{k : u ≥ T_k}.
/// </remarks>
public static class GaussianTable
{
    private static readonly ulong[] s_thresholds = Build(Sampler.Sigma, Sampler.GaussianBound);

    /// <summary>The thresholds T_0 &lt; T_1 &lt; … &lt; T_{B−1} (B = <see cref="Sampler.GaussianBound"/>).</summary>
    public static ReadOnlySpan<ulong> Thresholds => s_thresholds;

    /// <summary>Returns P(X = x) of the truncated discrete Gaussian (0 outside the bound).</summary>
    public static double Probability(long x)
    {
        if (Math.Abs(x) > Sampler.GaussianBound)
        {
            return 0;
        }

        double z = 0;
        for (int k = -Sampler.GaussianBound; k <= Sampler.GaussianBound; k++)
        {
            z += Rho(k, Sampler.Sigma);
        }

        return Rho(x, Sampler.Sigma) / z;
    }

    private static double Rho(long x, double sigma) => Math.Exp(-(double)x * x / (2 * sigma * sigma));

    private static ulong[] Build(double sigma, int bound)
    {
        double z = 1;
        for (int k = 1; k <= bound; k++)
        {
            z += 2 * Rho(k, sigma);
        }

        const double twoPow63 = 9223372036854775808.0;
        var t = new ulong[bound];
        double tail = 0; // P(|X| > k), accumulated from the smallest terms up
        for (int k = bound - 1; k >= 0; k--)
        {
            tail += 2 * Rho(k + 1, sigma) / z;
            t[k] = (1UL << 63) - (ulong)Math.Round(tail * twoPow63);
        }

        return t;
    }
}
