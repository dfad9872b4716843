using System.Numerics;
using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.Packing;
using HEPrune.Core.Protocol;

namespace HEPrune.Core.Training;

/// <summary>
/// One HETAL training step on the server (spec-validation §2.1): logits by DiagABT → approximate softmax → error
/// (P − Y) masked and scaled by −η/n, re-tiled → gradient by DiagATB → update. Also exposes the forward pass
/// (logits → approximate softmax) that pruning uses for scoring.
/// </summary>
/// <remarks>
/// Refresh points (planned policy): weights before DiagABT (4 levels, Nesterov W: 2), every softmax point
/// (see <see cref="SoftmaxCircuit"/>), and P before the error mask (7 levels, so G leaves DiagATB with ≥ 3).
/// Stages recorded in the profiler: weights.refresh, forward, softmax.*, error, backward, update.
/// </remarks>
public sealed class HetalCircuit
{
    /// <summary>Levels P must have before the error mask.</summary>
    public const int ErrorStageDepth = 7;

    /// <summary>Levels the forward weights must have before DiagABT: 3 for DiagABT and 1 for the softmax's max broadcast.</summary>
    public const int ForwardWeightDepth = 4;

    /// <summary>Creates the circuit for a layout.</summary>
    public HetalCircuit(IHeEvaluator evaluator, BlockLayout layout, RefreshPolicy policy, StageProfiler profiler)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(profiler);
        if (layout.Slots != evaluator.Slots)
            throw new ArgumentException($"HetalCircuit: layout has {layout.Slots} slots, evaluator has {evaluator.Slots}.", nameof(layout));
        Evaluator = evaluator;
        Layout = layout;
        Policy = policy;
        Profiler = profiler;
        SoftmaxLayout = new SoftmaxLayout(layout.Slots, layout.S1, layout.Classes);
    }

    /// <summary>The server's evaluator.</summary>
    public IHeEvaluator Evaluator { get; }

    /// <summary>Block layout of features, labels and weights.</summary>
    public BlockLayout Layout { get; }

    /// <summary>Slot layout of logits and probabilities (rows of s1 columns, period c_pad).</summary>
    public SoftmaxLayout SoftmaxLayout { get; }

    /// <summary>The refresh policy all refresh points go through.</summary>
    public RefreshPolicy Policy { get; }

    /// <summary>Per-stage counts and times.</summary>
    public StageProfiler Profiler { get; }

    /// <summary>Returns x = Z/(2R_max), tiled with period c_pad over each row (the softmax input).</summary>
    public HeCiphertext NormalizedLogits(IReadOnlyList<HeCiphertext> features, IReadOnlyList<HeCiphertext> weights)
        => Profiler.Run("forward", () =>
            DiagAbt.Multiply(Evaluator, features, weights, Layout, 1.0 / (2 * SoftmaxApproximation.RMax), periodic: true));

    /// <summary>Returns the raw logits Z in columns 0 … c_pad−1 of each row (validation, sent to the client).</summary>
    public HeCiphertext Logits(IReadOnlyList<HeCiphertext> features, IReadOnlyList<HeCiphertext> weights)
        => Profiler.Run("validation", () => DiagAbt.Multiply(Evaluator, features, weights, Layout, 1.0, periodic: false));

    /// <summary>Forward pass for training and for pruning scores: encrypted approximate softmax P of a batch.</summary>
    public HeCiphertext Probabilities(EncryptedBatch batch, IReadOnlyList<HeCiphertext> weights)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var x = NormalizedLogits(batch.Features, weights);
        return SoftmaxCircuit.Evaluate(Evaluator, x, SoftmaxLayout, Policy, Profiler);
    }

    /// <summary>Returns −(η/n)·G̃ with G = (P − Y)ᵀX̄, vertically tiled (Bk blocks); n is the batch's live sample count.</summary>
    public HeCiphertext[] ScaledGradient(HeCiphertext p, EncryptedBatch batch, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(batch);
        var e = Profiler.Run("error", () =>
        {
            var pp = Policy.Ensure(p, ErrorStageDepth, "error");
            if (batch.Live <= 0)
                throw new ArgumentException("HetalCircuit: a batch without live samples has no gradient; leave it out of the epoch.", nameof(batch));
            double s = -learningRate / batch.Live;
            var mask = Layout.Mask((r, col) => r < batch.Count && col < Layout.Classes ? s : 0);
            var err = Evaluator.MultiplyPlain(Evaluator.Sub(pp, batch.Labels), new SlotVector(mask));
            for (int step = Layout.PaddedClasses; step < Layout.S1; step <<= 1)
                err = Evaluator.Add(err, Evaluator.Rotate(err, -step));
            return err;
        });
        return Profiler.Run("backward", () => DiagAtb.Multiply(Evaluator, e, batch.Features, Layout));
    }

    /// <summary>Runs one training step on a batch and updates the model in place (its ciphertext arrays are replaced).</summary>
    public void Step(EncryptedModel model, EncryptedBatch batch, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        Profiler.Run("weights.refresh", () =>
        {
            if (model.V is not null)
            {
                model.V = EnsureAll(model.V, ForwardWeightDepth, "weights.v");
                model.W = EnsureAll(model.W, 2, "weights.w");
            }
            else model.W = EnsureAll(model.W, ForwardWeightDepth, "weights.w");
            return 0;
        });
        var p = Probabilities(batch, model.ForwardWeights);
        var g = ScaledGradient(p, batch, learningRate);
        Profiler.Run("update", () =>
        {
            int t = model.Step + 1;
            var ev = Evaluator;
            if (model.V is null)
            {
                var w = new HeCiphertext[g.Length];
                for (int j = 0; j < w.Length; j++) w[j] = ev.Add(model.W[j], g[j]);
                model.W = w;
            }
            else
            {
                double gamma = NesterovSchedule.Gamma(t);
                var wNew = new HeCiphertext[g.Length];
                var vNew = new HeCiphertext[g.Length];
                for (int j = 0; j < g.Length; j++)
                {
                    wNew[j] = ev.Add(model.V[j], g[j]);
                    var delta = ev.MultiplyConst(ev.Sub(wNew[j], model.W[j]), new Complex(-gamma, 0));
                    vNew[j] = ev.Add(wNew[j], delta);
                }
                model.W = wNew;
                model.V = vNew;
            }
            model.Step = t;
            return 0;
        });
    }

    private HeCiphertext[] EnsureAll(HeCiphertext[] cts, int levels, string point)
    {
        bool need = false;
        foreach (var ct in cts) need |= ct.Level - Policy.Floor < levels;
        if (!need || !Policy.Enabled) return cts;
        var r = new HeCiphertext[cts.Length];
        for (int i = 0; i < r.Length; i++) r[i] = Policy.Force(cts[i], point);
        return r;
    }
}
