using System.Numerics;
using HEPrune.Core.He;

namespace HEPrune.Core.Circuits;

/// <summary>
/// The Goldschmidt-type inverse of HETAL's softmax: for q = S/R, y₀ = 2 − q, e₀ = 1 − q, repeat e ← e², y ← y(1+e),
/// and return y/R ≈ 1/S. The iterate is carried as t = y/R ∈ [1/R, 1] so every refreshed value stays bounded.
/// </summary>
/// <remarks>Cost: 1 Const + 2 Mult per iteration; depth 1 + iterations (the e and t chains run in parallel).</remarks>
public static class GoldschmidtInverse
{
    /// <summary>HETAL's R (upper bound on S).</summary>
    public const double DefaultR = 100;

    /// <summary>HETAL's iteration count.</summary>
    public const int DefaultIterations = 16;

    /// <summary>Returns 1/S in float64 by the same iteration (plaintext reference), given q = S/R.</summary>
    public static double Reference(double q, double r = DefaultR, int iterations = DefaultIterations)
    {
        double t = (2 - q) / r, e = 1 - q;
        for (int k = 0; k < iterations; k++)
        {
            e *= e;
            t *= 1 + e;
        }
        return t;
    }

    /// <summary>
    /// Returns t ≈ 1/S for an encrypted q = S/R (already refreshed as the caller wishes). The pair (t, e) is refreshed
    /// when the next iteration would run out of levels, and t once more at the end ("inverse.final") if it has fewer
    /// than <paramref name="levelsAfter"/> levels above the refresh floor left for its consumer.
    /// </summary>
    public static HeCiphertext Evaluate(IHeEvaluator ev, HeCiphertext q, RefreshPolicy policy,
        double r = DefaultR, int iterations = DefaultIterations, int levelsAfter = 1)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var negQ = ev.Negate(q);
        var t = ev.MultiplyConst(ev.AddConst(negQ, new Complex(2, 0)), new Complex(1.0 / r, 0));
        var e = ev.AddConst(negQ, Complex.One);
        int floor = policy.Floor;
        for (int k = 0; k < iterations; k++)
        {
            if (policy.Enabled && (t.Level - floor < 1 || e.Level - floor < 2))
            {
                t = policy.Force(t, "inverse.t");
                e = policy.Force(e, "inverse.e");
            }
            e = ev.Square(e);
            t = ev.Multiply(t, ev.AddConst(e, Complex.One));
        }
        return policy.Ensure(t, levelsAfter, "inverse.final");
    }
}
