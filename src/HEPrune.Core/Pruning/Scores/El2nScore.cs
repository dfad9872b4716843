using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Scores;

/// <summary>
/// The Prune Baseline's HE-EL2N score ‖p − y‖₂ (spec §3.2): squared error, class sum, then a Newton-type square root.
/// </summary>
/// <remarks>
/// <para>Circuit per block: d = (P − Y) ⊙ m with m = 1/√2 on columns &lt; c (so that x = Σ d² = ‖p − y‖²/2 ∈ [0, 1]
/// for probability vectors), x by squaring and ⌈log2 c⌉ rotate-and-adds, then √x by Wilkes' iteration (the
/// Newton-type square root used for CKKS by Cheon et al., 2019): a₀ = x, b₀ = x − 1,
/// a ← a·(1 − b/2), b ← b²·(b − 3)/4. It converges to √x on [0, 1]; the relative error shrinks quadratically once
/// |b| ≲ 1/2, while near 0 the iteration first needs ≈ log_{2.25}(1/x) steps. The output is √x = ‖p − y‖₂/√2, a
/// fixed rescaling that does not change any ranking (the client may multiply by √2).</para>
/// <para>Cost per block with n iterations: Mult 1 + 3n − 2, CMult 1, Const 2n − 1, Rot ⌈log2 c⌉; depth 2 + 2n. With
/// n = 10 this exceeds 12 levels, so a and b are refreshed whenever fewer than 2 levels remain.</para>
/// </remarks>
public sealed class El2nScore : IScoreCircuit
{
    private readonly SampleRowLayout _layout;
    private readonly int _classes;

    /// <summary>Creates the circuit.</summary>
    /// <param name="layout">Block layout.</param>
    /// <param name="classes">Number of real classes c.</param>
    /// <param name="iterations">Square-root iterations (the paper says about 10).</param>
    /// <exception cref="ArgumentException">c does not fit a row or iterations is below 1.</exception>
    public El2nScore(SampleRowLayout layout, int classes, int iterations = 10)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (classes < 1 || (1 << Depth_(classes)) > layout.RowSlots)
            throw new ArgumentException($"El2nScore: {classes} classes do not fit a row of {layout.RowSlots} slots.", nameof(classes));
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        _layout = layout;
        _classes = classes;
        Iterations = iterations;
    }

    /// <summary>Square-root iterations.</summary>
    public int Iterations { get; }

    /// <summary>Factor the client multiplies the decrypted scores by to obtain ‖p − y‖₂ (√2).</summary>
    public static double OutputScale => Math.Sqrt(2.0);

    /// <inheritdoc />
    public string Name => "el2n";

    /// <inheritdoc />
    public int Depth => 2 + 2 * Iterations;

    /// <inheritdoc />
    public HeCiphertext Score(IHeEvaluator evaluator, HeCiphertext probabilities, HeCiphertext labels)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var p = LevelGuard.Ensure(evaluator, probabilities, 2, "El2nScore");
        var m = new double[evaluator.Slots];
        double inv = 1.0 / Math.Sqrt(2.0);
        for (int r = 0; r < _layout.RowsPerCiphertext; r++) m.AsSpan(r * _layout.RowSlots, _classes).Fill(inv);
        var d = evaluator.MultiplyPlain(evaluator.Sub(p, labels), new SlotVector(m));
        var x = HefsScore.ClassSum(evaluator, evaluator.Square(d), _classes);
        return Sqrt(evaluator, x, Iterations);
    }

    /// <summary>Returns ≈ √x for slots in [0, 1] with <paramref name="iterations"/> Wilkes iterations, refreshing as needed.</summary>
    public static HeCiphertext Sqrt(IHeEvaluator evaluator, HeCiphertext x, int iterations)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var a = x;
        var b = evaluator.AddConst(x, -1.0);
        for (int i = 0; i < iterations; i++)
        {
            bool last = i == iterations - 1;
            if (evaluator.Refresher is not null && Math.Min(a.Level, b.Level) < 2 + evaluator.Refresher.MinInputLevel)
            {
                a = evaluator.Refresh(a);
                b = evaluator.Refresh(b);
            }
            var u = evaluator.AddConst(evaluator.MultiplyConst(b, -0.5), 1.0);
            var nextA = evaluator.Multiply(a, u);
            if (!last)
            {
                var v = evaluator.MultiplyConst(evaluator.AddConst(b, -3.0), 0.25);
                b = evaluator.Multiply(evaluator.Square(b), v);
            }
            a = nextA;
        }
        return a;
    }

    /// <summary>Plaintext Wilkes iteration (same arithmetic as <see cref="Sqrt"/>).</summary>
    public static double PlainSqrt(double x, int iterations)
    {
        double a = x, b = x - 1;
        for (int i = 0; i < iterations; i++)
        {
            double na = a * (1 - b / 2);
            b = b * b * (b - 3) / 4;
            a = na;
        }
        return a;
    }

    /// <inheritdoc />
    public double Approximate(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double s = 0;
        for (int j = 0; j < _classes; j++)
        {
            double d = (probabilities[j] - labels[j]) / Math.Sqrt(2.0);
            s += d * d;
        }
        return PlainSqrt(s, Iterations);
    }

    /// <inheritdoc />
    public double Exact(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double s = 0;
        for (int j = 0; j < _classes; j++) s += (probabilities[j] - labels[j]) * (probabilities[j] - labels[j]);
        return Math.Sqrt(s / 2.0);
    }

    private static int Depth_(int classes) => HEPrune.Core.He.Depth.CeilLog2(Math.Max(1, classes));
}
