using System.Numerics;
using HEPrune.Core.He;

namespace HEPrune.Core.Circuits;

/// <summary>
/// An HE-evaluable stand-in for ReLU on an interval [−R, R], applied to x = z/R (the 1/R is folded into the
/// preceding matrix product). Two kinds:
/// <list type="bullet">
/// <item><b>polynomial</b>: relu(z) ≈ R·q(z/R) with q a polynomial fitted to max(x, 0) on [−1, 1], and its exact
/// derivative q'(z/R) (training is exact SGD on the polynomial network);</item>
/// <item><b>comparison composite</b> (<see cref="HetalMax"/>): relu(z) = R·max(z/R, 0) with HETAL's approximate max
/// (the f∘g∘g sign composite of its softmax, <see cref="Comparison"/>): relu(z) ≈ z·s(z/R), s(x) = (f(g(g(x))) + 1)/2,
/// and the derivative s(z/R), the smoothed step (the z·s' term is dropped, as a straight-through estimator).</item>
/// </list>
/// </summary>
/// <remarks>
/// <see cref="Default"/> is the comparison composite on [−64, 64] (10 levels for the activation, 9 for its derivative,
/// which is the activation's intermediate s). Every polynomial fit was dropped because SGD at lr 0.1 drives the
/// pre-activations out of any interval on which a low-degree fit is accurate near 0 (docs/scratch.md, "Why the
/// encrypted MLP diverged"). The composite's inputs must stay in [−R, R]: outside, g∘g grows like x^49.
/// </remarks>
public sealed class ReluApproximation
{
    private readonly Polynomial? _normalized;
    private readonly Polynomial? _normalizedDerivative;
    private readonly Polynomial? _value;

    /// <summary>Creates a polynomial approximation from q's coefficients (in x = z/R) and the radius R.</summary>
    /// <exception cref="ArgumentException">R is not positive and finite, or q has degree below 2.</exception>
    public ReluApproximation(double radius, Polynomial normalized, string name)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(name);
        CheckRadius(radius);
        if (normalized.Degree < 2)
            throw new ArgumentException($"ReluApproximation: q must have degree >= 2 to be non-linear, got {normalized.Degree}.", nameof(normalized));
        Radius = radius;
        _normalized = normalized;
        Name = name;
        var c = normalized.Coefficients;
        var d = new double[c.Length - 1];
        for (int i = 1; i < c.Length; i++) d[i - 1] = i * c[i];
        _normalizedDerivative = new Polynomial(d);
        _value = normalized.Scaled(radius);
    }

    private ReluApproximation(double radius, string name)
    {
        CheckRadius(radius);
        Radius = radius;
        Name = name;
        IsComparisonComposite = true;
    }

    /// <summary>The comparison composite on [−64, 64]: relu(z) ≈ z·(f(g(g(z/64))) + 1)/2, derivative (f(g(g(z/64))) + 1)/2.</summary>
    public static ReluApproximation Default { get; } = HetalMax(64);

    /// <summary>
    /// Returns relu(z) = R·max(z/R, 0) with HETAL's comparison composite: z·s(z/R), s = (f∘g∘g + 1)/2 (the ½ folded into
    /// f), derivative s(z/R). Valid for |z| ≤ R; the transition around 0 is ≈ R/44 wide (g∘g∘f has slope ≈ 44 at 0).
    /// </summary>
    public static ReluApproximation HetalMax(double radius) => new(radius, $"max∘fgg[-{radius:0.##},{radius:0.##}]");

    /// <summary>Returns the degree-4 least-squares fit on [−R, R]: q(x) = (15 + 128x + 210x² − 105x⁴)/256.</summary>
    public static ReluApproximation LeastSquares4(double radius)
        => new(radius, new Polynomial(15.0 / 256, 0.5, 210.0 / 256, 0, -105.0 / 256), $"ls4[-{radius:0.##},{radius:0.##}]");

    /// <summary>Returns the degree-2 least-squares fit on [−R, R]: q(x) = (3 + 16x + 15x²)/32 (the first design, R = 4).</summary>
    public static ReluApproximation LeastSquares2(double radius)
        => new(radius, new Polynomial(3.0 / 32, 0.5, 15.0 / 32), $"ls2[-{radius:0.##},{radius:0.##}]");

    /// <summary>Short name with kind and interval, written into results.</summary>
    public string Name { get; }

    /// <summary>The interval half-width R; inputs are divided by R before the approximation is applied.</summary>
    public double Radius { get; }

    /// <summary>True for the comparison composite, false for a polynomial fit.</summary>
    public bool IsComparisonComposite { get; }

    /// <summary>True when <see cref="Derivative"/> is the exact derivative of <see cref="Activate"/> (polynomial fits).</summary>
    public bool HasExactDerivative => !IsComparisonComposite;

    /// <summary>q, the fit of max(x, 0) on [−1, 1] (polynomial kind only).</summary>
    /// <exception cref="InvalidOperationException">The approximation is the comparison composite.</exception>
    public Polynomial Normalized => _normalized ?? throw NotPolynomial();

    /// <summary>q', the derivative of q (polynomial kind only).</summary>
    /// <exception cref="InvalidOperationException">The approximation is the comparison composite.</exception>
    public Polynomial NormalizedDerivative => _normalizedDerivative ?? throw NotPolynomial();

    /// <summary>R·q, the polynomial the circuit evaluates on x = z/R to get the activation (polynomial kind only).</summary>
    /// <exception cref="InvalidOperationException">The approximation is the comparison composite.</exception>
    public Polynomial Value => _value ?? throw NotPolynomial();

    /// <summary>Levels the activation consumes from x = z/R (composite: g, g, f/2 at 3 each, then x·s).</summary>
    public int Depth => IsComparisonComposite ? 3 * 3 + 1 : PolynomialEvaluator.DepthOf(Normalized);

    /// <summary>Levels the derivative consumes from x = z/R (composite: s itself, 9).</summary>
    public int DerivativeDepth => IsComparisonComposite ? 3 * 3
        : NormalizedDerivative.Degree < 1 ? 0 : PolynomialEvaluator.DepthOf(NormalizedDerivative);

    /// <summary>Short description for records: kind, interval, depth.</summary>
    public string Description => IsComparisonComposite
        ? $"{Name}: R·max(z/R, 0) with HETAL's comparison composite f∘g∘g (depth {Depth}, derivative: the smoothed step s, depth {DerivativeDepth})"
        : $"{Name}: polynomial of degree {Normalized.Degree} (depth {Depth}, exact derivative)";

    /// <summary>Returns the activation.</summary>
    public double Activate(double z)
        => IsComparisonComposite ? z * Step(z / Radius) : Radius * Normalized.Evaluate(z / Radius);

    /// <summary>Returns the derivative the backward pass uses: q'(z/R), or the composite's smoothed step s(z/R).</summary>
    public double Derivative(double z)
        => IsComparisonComposite ? Step(z / Radius) : NormalizedDerivative.Evaluate(z / Radius);

    /// <summary>Returns max |max(z, 0) − activation(z)| over a uniform grid of <paramref name="points"/> on [−R, R].</summary>
    public double MaxErrorOnInterval(int points = 100_001)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        double worst = 0;
        for (int i = 0; i < points; i++)
        {
            double z = -Radius + 2 * Radius * i / (points - 1);
            worst = Math.Max(worst, Math.Abs(Math.Max(z, 0) - Activate(z)));
        }
        return worst;
    }

    /// <summary>
    /// Evaluates the activation and the derivative on x = z/R (which must have <c>max(Depth, DerivativeDepth)</c> levels),
    /// both multiplied by <paramref name="unit"/> (folded into the last polynomial's coefficients).
    /// </summary>
    /// <param name="ev">Evaluator.</param>
    /// <param name="x">z/R.</param>
    /// <param name="unit">0/1 mask of the real rows and units.</param>
    /// <param name="policy">Refresh policy (the composite may refresh before f, point <paramref name="point"/>.f).</param>
    /// <param name="point">Refresh point name prefix.</param>
    public (HeCiphertext Activation, HeCiphertext Derivative) Evaluate(IHeEvaluator ev, HeCiphertext x, double[] unit, RefreshPolicy policy, string point)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(policy);
        if (!IsComparisonComposite)
            return (PolynomialEvaluator.Evaluate(ev, x, Value, unit), PolynomialEvaluator.Evaluate(ev, x, NormalizedDerivative, unit));
        var y = PolynomialEvaluator.Evaluate(ev, x, Comparison.G);
        y = PolynomialEvaluator.Evaluate(ev, y, Comparison.G);
        y = policy.Ensure(y, Comparison.FinalStageDepth, point + ".f");
        var half = new double[unit.Length];
        for (int i = 0; i < half.Length; i++) half[i] = 0.5 * unit[i];
        var s = ev.AddPlain(PolynomialEvaluator.Evaluate(ev, y, Comparison.HalfF, unit), new SlotVector(half));
        double r = Radius;
        // z = R·x: free (IntConst) for an integer radius.
        var z = r == 1 ? x : ev.MultiplyConst(x, new Complex(r, 0));
        return (ev.Multiply(z, s), s);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>s(x) = f(g(g(x)))/2 + 1/2, the comparison composite's smoothed step, as the circuit evaluates it.</summary>
    private static double Step(double x) => Comparison.HalfF.Evaluate(Comparison.G.Evaluate(Comparison.G.Evaluate(x))) + 0.5;

    private static void CheckRadius(double radius)
    {
        if (!(radius > 0) || !double.IsFinite(radius))
            throw new ArgumentException($"ReluApproximation: the radius must be positive and finite, got {radius}.", nameof(radius));
    }

    private InvalidOperationException NotPolynomial()
        => new($"ReluApproximation {Name}: the comparison composite has no single polynomial (use Activate/Derivative or Evaluate).");
}
