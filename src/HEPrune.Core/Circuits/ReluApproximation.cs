namespace HEPrune.Core.Circuits;

/// <summary>
/// A polynomial stand-in for ReLU on an interval [−R, R]: relu(z) ≈ R·q(z/R) with q a polynomial fitted to
/// max(x, 0) on [−1, 1], and its exact derivative q'(z/R). The network trained under encryption uses exactly this
/// activation (forward and backward), so encrypted, emulated and float64 training agree.
/// </summary>
/// <remarks>
/// <see cref="Default"/> is the least-squares (Legendre) fit of degree 2 on [−1, 1], scaled to R = 4:
/// q(x) = (3 + 16x + 15x²)/32, so relu(z) ≈ 3/8 + z/2 + 15z²/128 and relu'(z) ≈ 1/2 + 15z/64. It evaluates at
/// depth 2 (q) and 1 (q'); its maximum error on [−4, 4] is 3R/32 = 0.375, at z = 0 (0.25 at z = ±4). Chosen by a
/// float64 comparison on 8,192 MNIST images (docs/scratch.md): it trained best of the degree-2/4 fits on [−4, 4] …
/// [−32, 32], within 1 point of exact ReLU after 5 epochs. Outside the interval it grows quadratically (no blow-up).
/// </remarks>
public sealed class ReluApproximation
{
    /// <summary>Creates an approximation from q's coefficients (in x = z/R) and the radius R.</summary>
    /// <exception cref="ArgumentException">R is not positive and finite, or q has degree below 2.</exception>
    public ReluApproximation(double radius, Polynomial normalized, string name)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(name);
        if (!(radius > 0) || !double.IsFinite(radius))
            throw new ArgumentException($"ReluApproximation: the radius must be positive and finite, got {radius}.", nameof(radius));
        if (normalized.Degree < 2)
            throw new ArgumentException($"ReluApproximation: q must have degree >= 2 to be non-linear, got {normalized.Degree}.", nameof(normalized));
        Radius = radius;
        Normalized = normalized;
        Name = name;
        var c = normalized.Coefficients;
        var d = new double[c.Length - 1];
        for (int i = 1; i < c.Length; i++) d[i - 1] = i * c[i];
        NormalizedDerivative = new Polynomial(d);
        Value = normalized.Scaled(radius);
    }

    /// <summary>
    /// The degree-2 least-squares fit of max(x, 0) on [−1, 1] (uniform weight), on [−4, 4]: relu(z) ≈ 3/8 + z/2 + 15z²/128.
    /// </summary>
    public static ReluApproximation Default { get; } = LeastSquares2(4);

    /// <summary>Returns the degree-4 least-squares fit on [−R, R]: q(x) = (15 + 128x + 210x² − 105x⁴)/256.</summary>
    public static ReluApproximation LeastSquares4(double radius)
        => new(radius, new Polynomial(15.0 / 256, 0.5, 210.0 / 256, 0, -105.0 / 256), $"ls4[-{radius:0.##},{radius:0.##}]");

    /// <summary>Returns the degree-2 least-squares fit on [−R, R]: q(x) = (3 + 16x + 15x²)/32.</summary>
    public static ReluApproximation LeastSquares2(double radius)
        => new(radius, new Polynomial(3.0 / 32, 0.5, 15.0 / 32), $"ls2[-{radius:0.##},{radius:0.##}]");

    /// <summary>Short name with degree and interval, written into results.</summary>
    public string Name { get; }

    /// <summary>The interval half-width R; inputs are divided by R before q is applied.</summary>
    public double Radius { get; }

    /// <summary>q, the fit of max(x, 0) on [−1, 1].</summary>
    public Polynomial Normalized { get; }

    /// <summary>q', the derivative of q (the activation's derivative in z is q'(z/R)).</summary>
    public Polynomial NormalizedDerivative { get; }

    /// <summary>R·q, the polynomial the circuit evaluates on x = z/R to get the activation.</summary>
    public Polynomial Value { get; }

    /// <summary>Depth of the activation (q) in levels.</summary>
    public int Depth => PolynomialEvaluator.DepthOf(Normalized);

    /// <summary>Depth of the derivative (q') in levels.</summary>
    public int DerivativeDepth => NormalizedDerivative.Degree < 1 ? 0 : PolynomialEvaluator.DepthOf(NormalizedDerivative);

    /// <summary>Returns the activation R·q(z/R).</summary>
    public double Activate(double z) => Radius * Normalized.Evaluate(z / Radius);

    /// <summary>Returns the activation's derivative q'(z/R).</summary>
    public double Derivative(double z) => NormalizedDerivative.Evaluate(z / Radius);

    /// <summary>Returns max |max(z, 0) − R·q(z/R)| over a uniform grid of <paramref name="points"/> on [−R, R].</summary>
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

    /// <inheritdoc />
    public override string ToString() => Name;
}
