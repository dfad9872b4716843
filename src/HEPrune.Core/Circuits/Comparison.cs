using System.Numerics;
using HEPrune.Core.He;

namespace HEPrune.Core.Circuits;

/// <summary>
/// The comparison composite of HETAL's softmax (spec §2.5): h = f∘g∘g approximates sign on [−1, 1], and
/// max(a, b) = b + (a−b)·(h(a−b)+1)/2.
/// </summary>
/// <remarks>f and g are the degree-7 odd polynomials of Cheon–Kim–Kim (f₃, g₃); each costs 5 Mult + 4 Const at depth 3.
/// The ½ of (h+1)/2 is folded into f's coefficients, so one round of max costs 16 Mult, 12 Const and 10 levels.</remarks>
public static class Comparison
{
    /// <summary>f(x) = (35x − 35x³ + 21x⁵ − 5x⁷)/16.</summary>
    public static Polynomial F { get; } = new(0, 35.0 / 16, 0, -35.0 / 16, 0, 21.0 / 16, 0, -5.0 / 16);

    /// <summary>g(x) = (4589x − 16577x³ + 25614x⁵ − 12860x⁷)/1024.</summary>
    public static Polynomial G { get; } = new(0, 4589.0 / 1024, 0, -16577.0 / 1024, 0, 25614.0 / 1024, 0, -12860.0 / 1024);

    /// <summary>f/2, used to fold the ½ of (h+1)/2 into the last polynomial.</summary>
    public static Polynomial HalfF { get; } = F.Scaled(0.5);

    /// <summary>Levels one max consumes on the difference's path: 3 + 3 + 3 + 1.</summary>
    public const int MaxDepth = 10;

    /// <summary>Levels f plus the final product need (the planned refresh point before f).</summary>
    public const int FinalStageDepth = 4;

    /// <summary>Returns h(d) = f(g(g(d))) in float64 (the plaintext reference).</summary>
    public static double SignReference(double d) => F.Evaluate(G.Evaluate(G.Evaluate(d)));

    /// <summary>Returns the approximate max b + d·(h(d)+1)/2 with d = a − b, in float64.</summary>
    public static double MaxReference(double a, double b)
    {
        double d = a - b;
        double s = HalfF.Evaluate(G.Evaluate(G.Evaluate(d))) + 0.5;
        return b + d * s;
    }

    /// <summary>Returns the approximate slot-wise max(a, b) for inputs with |a − b| ≤ 1, refreshing per the policy.</summary>
    public static HeCiphertext Max(IHeEvaluator ev, HeCiphertext a, HeCiphertext b, RefreshPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(policy);
        var d = ev.Sub(a, b);
        d = policy.Ensure(d, MaxDepth, "max.round");
        var y = PolynomialEvaluator.Evaluate(ev, d, G);
        y = PolynomialEvaluator.Evaluate(ev, y, G);
        y = policy.Ensure(y, FinalStageDepth, "max.f");
        var s = ev.AddConst(PolynomialEvaluator.Evaluate(ev, y, HalfF), new Complex(0.5, 0));
        return ev.Add(b, ev.Multiply(d, s));
    }
}
