namespace HEPrune.Core.Circuits;

/// <summary>
/// The domain-extension parameters of HETAL's softmax approximation (spec §2.5): base radius r (a power of two) and
/// steps n with ratio L = 2. They fix the input domain |z| ≤ R_max = (r/2)·2^n, the exp evaluation
/// exp(u) = exp_poly(u/r)^r (log2 r squarings), and how far domain extension squashes large negative shifts
/// u = z − max: into about [−r, 0], so every class keeps a probability of at least ≈ e^(−r) after normalisation.
/// </summary>
/// <remarks>
/// <see cref="Hetal"/> (r = 8, n = 5, R_max = 128) is HETAL's published setting and the one every softmax-regression
/// run uses. <see cref="Mlp"/> (r = 16, n = 4, R_max = 128) is the from-scratch MLP's: the same domain, one level less
/// (domain extension 8 levels instead of 10, exp one squaring more), and a probability floor of ≈ 1e-6 instead of
/// 2–9e-3. With HETAL's floor the cross-entropy gradient never vanishes (1 − p_y ≥ 2e-3 at any margin), so SGD without
/// weight decay grows the logits linearly until they leave the domain: the MLP diverged within 2–21 epochs that way
/// (docs/scratch.md, "Why the encrypted MLP diverged").
/// </remarks>
public sealed record SoftmaxSettings
{
    /// <summary>Creates settings; r must be a power of two ≥ 2 and n ≥ 1.</summary>
    /// <exception cref="ArgumentException">r is not a power of two ≥ 2 or n is below 1.</exception>
    public SoftmaxSettings(double baseRadius, int steps)
    {
        int squarings = (int)Math.Round(Math.Log2(baseRadius));
        if (!(baseRadius >= 2) || Math.Pow(2, squarings) != baseRadius)
            throw new ArgumentException($"SoftmaxSettings: the base radius must be a power of two >= 2, got {baseRadius}.", nameof(baseRadius));
        if (steps < 1) throw new ArgumentException($"SoftmaxSettings: need at least one domain-extension step, got {steps}.", nameof(steps));
        BaseRadius = baseRadius;
        Steps = steps;
        ExpSquarings = squarings;
        RMax = baseRadius / 2 * Math.Pow(SoftmaxApproximation.Ratio, steps);
    }

    /// <summary>HETAL's setting: r = 8, n = 5, R_max = 128, 3 squarings (spec §2.5).</summary>
    public static SoftmaxSettings Hetal { get; } = new(SoftmaxApproximation.BaseRadius, SoftmaxApproximation.Steps);

    /// <summary>The from-scratch MLP's setting: r = 16, n = 4, R_max = 128, 4 squarings (probability floor ≈ 1e-6).</summary>
    public static SoftmaxSettings Mlp { get; } = new(16, 4);

    /// <summary>Base radius r: domain extension maps u ∈ [−2R_max, 0] into about [−r, 0].</summary>
    public double BaseRadius { get; }

    /// <summary>Domain-extension steps n.</summary>
    public int Steps { get; }

    /// <summary>Squarings after the exp polynomial: exp(u) = exp_poly(u/r)^r.</summary>
    public int ExpSquarings { get; }

    /// <summary>R_max = (r/2)·2^n; logits are normalised by 2·R_max.</summary>
    public double RMax { get; }

    /// <summary>Levels the domain extension consumes (2 per step).</summary>
    public int DomainExtensionDepth => 2 * Steps;

    /// <summary>Levels exp consumes (polynomial 4 + squarings) plus the final e·(1/S) product.</summary>
    public int ExpStageDepth => 4 + ExpSquarings + 1;

    /// <summary>The cubic coefficient of step i in the normalised variable w = u/(2R_max): w ← w − k·w³.</summary>
    public double DomainExtensionCoefficient(int i)
        => 4.0 / 27 * (2 * RMax) * (2 * RMax) / (BaseRadius * BaseRadius * Math.Pow(SoftmaxApproximation.Ratio, 2 * i));

    /// <summary>Factor from the domain-extended w to the exp polynomial's argument: u/r = w·2R_max/r.</summary>
    public double ExpArgumentScale => 2 * RMax / BaseRadius;

    /// <inheritdoc />
    public override string ToString() => $"softmax r={BaseRadius:0} n={Steps} (R_max {RMax:0})";
}
