using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Scores;

/// <summary>
/// HEPrune's HE-friendly score (HEFS): the L1 error Σ_j |p_j − y_j| computed as d·sign(d) with the degree-7 then
/// degree-15 sign composite, followed by a rotate-and-add over the classes (HEPrune eq. 2, <c>hefs.cpp</c>, spec §3.3).
/// </summary>
/// <remarks>
/// <para>Circuit per block: d = (P − Y) ⊙ m with m = s on columns &lt; c and 0 elsewhere (the class mask the spec
/// omits: the approximate P is non-zero in padded columns, and the sum adds 2^⌈log2 c⌉ columns); a = d·g₂(g₁(d));
/// ⌈log2 c⌉ times a ← a + Rot(a, j) for j = 1, 2, 4, …. The score of a sample lands in column 0 of its row.</para>
/// <para>Cost per block (spec-validation §3): Mult 16, CMult 1, Rot ⌈log2 c⌉ (4 for c = 10), Const 12; depth 9. If
/// P arrives with fewer than 9 levels it is refreshed once. The input scale s (default 1) can be set below 1, e.g.
/// 1/1.05, if the approximate softmax can overshoot, because the composite diverges outside [−1, 1]; the scores are
/// then s times the L1 error, which does not change the ranking.</para>
/// </remarks>
public sealed class HefsScore : IScoreCircuit
{
    private readonly SampleRowLayout _layout;
    private readonly int _classes;
    private readonly double _inputScale;

    /// <summary>Creates the circuit for blocks with the given layout and class count.</summary>
    /// <exception cref="ArgumentException">c is below 1, 2^⌈log2 c⌉ exceeds the row width, or the scale is not in (0, 1].</exception>
    public HefsScore(SampleRowLayout layout, int classes, double inputScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (classes < 1 || (1 << Depth_(classes)) > layout.RowSlots)
            throw new ArgumentException($"HefsScore: {classes} classes do not fit a row of {layout.RowSlots} slots.", nameof(classes));
        if (!(inputScale > 0 && inputScale <= 1))
            throw new ArgumentException($"HefsScore: input scale {inputScale} must be in (0, 1].", nameof(inputScale));
        _layout = layout;
        _classes = classes;
        _inputScale = inputScale;
    }

    /// <inheritdoc />
    public string Name => "hefs";

    /// <inheritdoc />
    public int Depth => 1 + SignComposite.SignDepth + 1;

    /// <summary>Rotations per block: ⌈log2 c⌉.</summary>
    public int Rotations => Depth_(_classes);

    /// <inheritdoc />
    public HeCiphertext Score(IHeEvaluator evaluator, HeCiphertext probabilities, HeCiphertext labels)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var p = LevelGuard.Ensure(evaluator, probabilities, Depth, "HefsScore");
        var mask = ClassMask(evaluator.Slots);
        var d = evaluator.MultiplyPlain(evaluator.Sub(p, labels), mask);
        var a = SignComposite.Abs(evaluator, d);
        return ClassSum(evaluator, a, _classes);
    }

    /// <inheritdoc />
    public double Approximate(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double s = 0;
        for (int j = 0; j < _classes; j++)
        {
            double d = (probabilities[j] - labels[j]) * _inputScale;
            s += d * SignComposite.PlainSign(d);
        }
        return s;
    }

    /// <inheritdoc />
    public double Exact(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double s = 0;
        for (int j = 0; j < _classes; j++) s += Math.Abs(probabilities[j] - labels[j]) * _inputScale;
        return s;
    }

    /// <summary>Returns the class mask: the input scale on columns &lt; c of every row, 0 elsewhere.</summary>
    internal SlotVector ClassMask(int slots)
    {
        var m = new double[slots];
        for (int r = 0; r < _layout.RowsPerCiphertext; r++)
            m.AsSpan(r * _layout.RowSlots, _classes).Fill(_inputScale);
        return new SlotVector(m);
    }

    /// <summary>Sums columns 0 … 2^⌈log2 c⌉ − 1 of each row into column 0 by rotate-and-add (⌈log2 c⌉ rotations).</summary>
    internal static HeCiphertext ClassSum(IHeEvaluator evaluator, HeCiphertext a, int classes)
    {
        for (int j = 1; j < classes; j <<= 1) a = evaluator.Add(a, evaluator.Rotate(a, j));
        return a;
    }

    private static int Depth_(int classes) => HEPrune.Core.He.Depth.CeilLog2(Math.Max(1, classes));
}
