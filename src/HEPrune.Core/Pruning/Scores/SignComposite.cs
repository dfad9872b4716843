using HEPrune.Core.Circuits;
using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Scores;

/// <summary>
/// The composite minimax sign approximation used by HEPrune's HEFS: sign(x) ≈ g₂(g₁(x)) with an odd degree-7 g₁
/// followed by an odd degree-15 g₂ (coefficients from <c>hefs.cpp</c>, spec §3.3), valid on [−1, 1].
/// </summary>
/// <remarks>
/// Polynomials are evaluated with <see cref="PolynomialEvaluator"/> (minimal depth, power-split).
/// |sign(x) − g₂(g₁(x))| ≤ 0.0069 for 0.047 ≤ |x| ≤ 1, and |x·g₂(g₁(x)) − |x|| ≤ 0.0077 on all of [−1, 1]. Outside
/// [−1, 1] the composite diverges (≈ 24 at 1.05). Depth 3 + 4 = 7; cost 15 Mult and 12 Const.
/// </remarks>
public static class SignComposite
{
    private static readonly double[] G1Coefficients =
        [0, 8.83133072022416, 0, -46.4575039895512, 0, 83.0282234720408, 0, -44.9928477828070];

    private static readonly double[] G2Coefficients =
    [
        0, 3.94881885083263, 0, -12.9103010992282, 0, 28.0865362174658, 0, -35.5969148965137,
        0, 26.5159370881337, 0, -11.4184889368449, 0, 2.62558443881334, 0, -0.249172299998642,
    ];

    private static readonly Polynomial G1Polynomial = new(G1Coefficients);
    private static readonly Polynomial G2Polynomial = new(G2Coefficients);
    private static readonly Polynomial G2HalfPolynomial = G2Polynomial.Scaled(0.5);

    /// <summary>Coefficients of g₁ (degree 7, odd), lowest degree first.</summary>
    public static IReadOnlyList<double> G1 => G1Coefficients;

    /// <summary>Coefficients of g₂ (degree 15, odd), lowest degree first.</summary>
    public static IReadOnlyList<double> G2 => G2Coefficients;

    /// <summary>Levels consumed by <see cref="Sign"/> (3 + 4).</summary>
    public const int SignDepth = 7;

    /// <summary>Returns an encryption of ≈ sign(x) for slots in [−1, 1].</summary>
    public static HeCiphertext Sign(IHeEvaluator evaluator, HeCiphertext x)
    {
        var g1 = PolynomialEvaluator.Evaluate(evaluator, x, G1Polynomial);
        return PolynomialEvaluator.Evaluate(evaluator, g1, G2Polynomial);
    }

    /// <summary>Returns an encryption of ≈ sign(x)/2 (the ½ folded into g₂'s coefficients; depth 7, no extra level).</summary>
    public static HeCiphertext HalfSign(IHeEvaluator evaluator, HeCiphertext x)
    {
        var g1 = PolynomialEvaluator.Evaluate(evaluator, x, G1Polynomial);
        return PolynomialEvaluator.Evaluate(evaluator, g1, G2HalfPolynomial);
    }

    /// <summary>Returns an encryption of ≈ |x| = x·sign(x) for slots in [−1, 1] (depth 8).</summary>
    public static HeCiphertext Abs(IHeEvaluator evaluator, HeCiphertext x) => evaluator.Multiply(x, Sign(evaluator, x));

    /// <summary>Returns an encryption of ≈ max(a, b) = ((a + b) + (a − b)·sign(a − b))/2; needs |a − b| ≤ 1 (depth 8).</summary>
    public static HeCiphertext Max(IHeEvaluator evaluator, HeCiphertext a, HeCiphertext b) => MinMax(evaluator, a, b, +1);

    /// <summary>Returns an encryption of ≈ min(a, b) = ((a + b) − (a − b)·sign(a − b))/2; needs |a − b| ≤ 1 (depth 8).</summary>
    public static HeCiphertext Min(IHeEvaluator evaluator, HeCiphertext a, HeCiphertext b) => MinMax(evaluator, a, b, -1);

    /// <summary>
    /// Returns (min, max) of a and b sharing one sign evaluation (the compare-and-swap of a sorting network):
    /// mid = (a + b)/2, h = (a − b)·sign(a − b)/2 with the ½ folded into g₂'s coefficients, min = mid − h, max = mid + h.
    /// Cost 16 Mult + 13 Const, depth 8; needs |a − b| ≤ 1.
    /// </summary>
    public static (HeCiphertext Min, HeCiphertext Max) MinAndMax(IHeEvaluator evaluator, HeCiphertext a, HeCiphertext b)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var diff = evaluator.Sub(a, b);
        var mid = evaluator.MultiplyConst(evaluator.Add(a, b), 0.5);
        var h = evaluator.Multiply(diff, HalfSign(evaluator, diff));
        return (evaluator.Sub(mid, h), evaluator.Add(mid, h));
    }

    /// <summary>Levels consumed by <see cref="MinAndMax"/>: sign 7 + product 1.</summary>
    public const int MinMaxDepth = 8;

    /// <summary>Plaintext g₂(g₁(x)) evaluated with Horner's rule (reference for tests and cost-free simulation).</summary>
    public static double PlainSign(double x) =>
        G2Polynomial.Evaluate(G1Polynomial.Evaluate(x));

    private static HeCiphertext MinMax(IHeEvaluator evaluator, HeCiphertext a, HeCiphertext b, int sign)
    {
        var (min, max) = MinAndMax(evaluator, a, b);
        return sign > 0 ? max : min;
    }
}
