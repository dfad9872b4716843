using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.Packing;
using HEPrune.Core.Protocol;

namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// One encrypted training step of the MLP on the server: per hidden layer DiagABT (scaled by 1/R) → ReLU approximation
/// and its derivative (masked to the layer's real rows and units, bias column added); output layer DiagABT → HETAL's
/// approximate softmax; error (P·ind − Y)·(−η/n) with ind the encrypted row indicator of the labels; per layer, top down: gradient by DiagATB, Δ·W by <see cref="DiagAb"/> times
/// the stored derivative, and the update W̃ ← W̃ + G̃. All activations share the samples-as-rows layout (s0 × s1).
/// </summary>
/// <remarks>
/// Refresh points (planned policy, each fires only when the value has fewer levels than the next stage needs above
/// the refresher's floor): <c>weights.l</c> before DiagABT (3; output layer 4 for the softmax broadcast),
/// <c>input.l</c> for a layer's input activations (3; output layer 4), <c>relu.l</c> before the activation polynomials,
/// the softmax's own points, <c>error</c> (P, 2 + 4), <c>delta.l</c> before DiagATB/DiagAb (4), <c>atb.l</c> for
/// DiagATB's activations (3), <c>weights.ab.l</c> (1) and <c>derivative.l</c> (1).
/// </remarks>
public sealed class MlpCircuit
{
    private readonly Dictionary<(int Layer, int Count), (double[] Unit, SlotVector Bias)> _masks = new();
    private SlotVector? _firstColumn;

    /// <summary>Creates the circuit.</summary>
    /// <exception cref="ArgumentException">The layers do not share one s0 × s1 shape, a hidden layer does not fit one
    /// block, or a hidden width is too wide for Δ·W (In(l) + c_pad(l) must be ≤ s1 + 1).</exception>
    public MlpCircuit(IHeEvaluator evaluator, MlpShape shape, int batch, ReluApproximation activation, RefreshPolicy policy, StageProfiler profiler,
        SoftmaxSettings? softmax = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(profiler);
        Evaluator = evaluator;
        Shape = shape;
        Activation = activation;
        Softmax = softmax ?? SoftmaxSettings.Mlp;
        Policy = policy;
        Profiler = profiler;
        var layouts = new BlockLayout[shape.Layers];
        for (int l = 0; l < shape.Layers; l++)
        {
            layouts[l] = new BlockLayout(evaluator.Slots, batch, shape.In(l) + 1, shape.Out(l));
            if (layouts[l].S0 != layouts[0].S0)
                throw new ArgumentException($"MlpCircuit: layer {l} ({layouts[l]}) has s0 {layouts[l].S0}, layer 0 has {layouts[0].S0}; widths must not exceed the padded batch.");
            if (l > 0 && layouts[l].FeatureBlocks != 1)
                throw new ArgumentException($"MlpCircuit: hidden width {shape.In(l)} + bias must fit one block row of s1 = {layouts[l].S1} columns.");
            if (l > 0 && shape.In(l) + layouts[l].PaddedClasses > layouts[l].S1 + 1)
                throw new ArgumentException($"MlpCircuit: layer {l}: In {shape.In(l)} + c_pad {layouts[l].PaddedClasses} exceeds s1 + 1 = {layouts[l].S1 + 1} (Δ·W windows would cross the row end).");
        }
        Layouts = layouts;
        DataLayout = new BlockLayout(evaluator.Slots, batch, shape.Input + 1, shape.Classes);
        if (DataLayout.S0 != layouts[0].S0)
            throw new ArgumentException($"MlpCircuit: the data layout {DataLayout} has s0 {DataLayout.S0}, the layers {layouts[0].S0}.");
        SoftmaxLayout = new SoftmaxLayout(evaluator.Slots, layouts[0].S1, shape.Classes);
    }

    /// <summary>The server's evaluator.</summary>
    public IHeEvaluator Evaluator { get; }

    /// <summary>The widths.</summary>
    public MlpShape Shape { get; }

    /// <summary>The ReLU approximation.</summary>
    public ReluApproximation Activation { get; }

    /// <summary>The approximate softmax's settings (logits are normalised by 2·R_max before it).</summary>
    public SoftmaxSettings Softmax { get; }

    /// <summary>The refresh policy.</summary>
    public RefreshPolicy Policy { get; }

    /// <summary>Per-stage counts and times.</summary>
    public StageProfiler Profiler { get; }

    /// <summary>The block layout of each layer (features In(l) + 1, classes Out(l)); all share s0 and s1.</summary>
    public IReadOnlyList<BlockLayout> Layouts { get; }

    /// <summary>The softmax's slot layout.</summary>
    public SoftmaxLayout SoftmaxLayout { get; }

    /// <summary>
    /// The data's block layout: features In(0) + 1 over Bk blocks and one-hot labels of the output classes, samples as
    /// rows (same s0 × s1 as every layer); what the client encrypts and what pruning sees.
    /// </summary>
    public BlockLayout DataLayout { get; }

    /// <summary>Encrypted forward pass of a batch: the approximate softmax P, plus what backpropagation needs.</summary>
    public MlpForwardState Forward(EncryptedBatch batch, EncryptedMlp model)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(model);
        var ev = Evaluator;
        int hidden = Shape.Hidden.Count;
        var inputs = new IReadOnlyList<HeCiphertext>[Shape.Layers];
        var derivatives = new HeCiphertext[hidden];
        IReadOnlyList<HeCiphertext> h = batch.Features;
        for (int l = 0; l < hidden; l++)
        {
            int layer = l;
            var w = Stage($"weights.{l}", () => EnsureAll(model.Layers[layer], 3, $"weights.{layer}"));
            model.Layers[l] = w;
            var hin = EnsureAll(h, 3, $"input.{l}");
            inputs[l] = hin;
            var (a, d) = Stage($"forward.{l}", () =>
            {
                var x = DiagAbt.Multiply(ev, hin, w, Layouts[layer], 1.0 / Activation.Radius, periodic: false);
                x = Policy.Ensure(x, Math.Max(Activation.Depth, Activation.DerivativeDepth), $"relu.{layer}");
                var (unit, bias) = Masks(layer, batch.Count);
                var (act, der) = Activation.Evaluate(ev, x, unit, Policy, $"relu.{layer}");
                return (ev.AddPlain(act, bias), der);
            });
            derivatives[l] = d;
            h = [a];
        }
        int o = hidden;
        var wOut = Stage($"weights.{o}", () => EnsureAll(model.Layers[o], 4, $"weights.{o}"));
        model.Layers[o] = wOut;
        var hOut = EnsureAll(h, 4, $"input.{o}");
        inputs[o] = hOut;
        var logits = Stage($"forward.{o}", () =>
            DiagAbt.Multiply(ev, hOut, wOut, Layouts[o], 1.0 / (2 * Softmax.RMax), periodic: true));
        var p = SoftmaxCircuit.Evaluate(ev, logits, SoftmaxLayout, Policy, Profiler, Softmax);
        return new MlpForwardState(p, inputs, derivatives);
    }

    /// <summary>
    /// Returns the scaled updates −(η/n)·∇L of every layer (vertically tiled, each in its layer's layout), computed from a
    /// forward state with the weights as they are now (before any update).
    /// </summary>
    /// <param name="state">The forward pass of <paramref name="batch"/>.</param>
    /// <param name="batch">The batch (rows ≥ Count are ignored; empty rows inside are cleared by the label indicator).</param>
    /// <param name="model">The model before the update.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="samples">n of the −η/n scale: the samples the batch holds (default: its row extent Count).</param>
    public HeCiphertext[][] ScaledGradients(MlpForwardState state, EncryptedBatch batch, EncryptedMlp model, double learningRate, int? samples = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(model);
        var ev = Evaluator;
        int layers = Shape.Layers;
        var outLayout = Layouts[^1];
        var delta = Stage("error", () =>
        {
            // Rows without a sample (padding, or rows CWP/masking emptied inside the batch) still carry activations
            // (bias and q(0) are not zero), so their error is cleared with the encrypted row indicator Σ_j Y[r, j].
            var pp = Policy.Ensure(state.P, 2 + 4, "error");
            double s = -learningRate / (samples ?? batch.Count);
            var mask = outLayout.Mask((r, col) => r < batch.Count && col < Shape.Classes ? s : 0);
            var err = ev.MultiplyPlain(ev.Sub(ev.Multiply(pp, RowIndicator(batch.Labels)), batch.Labels), new SlotVector(mask));
            return Retile(err, outLayout.PaddedClasses, outLayout.S1);
        });
        var g = new HeCiphertext[layers][];
        for (int l = layers - 1; l >= 0; l--)
        {
            int layer = l;
            var d = Policy.Ensure(delta, 4, $"delta.{l}");
            var x = EnsureAll(state.Inputs[l], 3, $"atb.{l}");
            g[l] = Stage($"backward.{l}", () => DiagAtb.Multiply(ev, d, x, Layouts[layer]));
            if (l == 0) break;
            delta = Stage($"backprop.{l}", () =>
            {
                var w = EnsureAll(model.Layers[layer], 1, $"weights.ab.{layer}");
                var o = DiagAb.Multiply(ev, d, w[0], Layouts[layer]);
                var der = Policy.Ensure(state.Derivatives[layer - 1], 1, $"derivative.{layer - 1}");
                var next = ev.Multiply(Policy.Ensure(o, 1, $"backprop.{layer}"), der);
                return Retile(next, Layouts[layer - 1].PaddedClasses, Layouts[layer - 1].S1);
            });
        }
        return g;
    }

    /// <summary>Runs one step on a batch and updates the model in place (n = <paramref name="samples"/>, default the batch's Count).</summary>
    public void Step(EncryptedMlp model, EncryptedBatch batch, double learningRate, int? samples = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        var state = Forward(batch, model);
        var g = ScaledGradients(state, batch, model, learningRate, samples);
        Stage("update", () =>
        {
            for (int l = 0; l < g.Length; l++)
            {
                var w = new HeCiphertext[g[l].Length];
                for (int j = 0; j < w.Length; j++) w[j] = Evaluator.Add(model.Layers[l][j], g[l][j]);
                model.Layers[l] = w;
            }
            model.Step++;
            return 0;
        });
    }

    /// <summary>
    /// Returns 1 in every column of rows whose one-hot label is set, 0 elsewhere: the label sum over c_pad columns lands in
    /// column 0 (log2 c_pad left rotations), is masked there and broadcast along the row (log2 s1 right rotations).
    /// </summary>
    private HeCiphertext RowIndicator(HeCiphertext labels)
    {
        var lay = Layouts[^1];
        var ind = labels;
        for (int step = 1; step < lay.PaddedClasses; step <<= 1) ind = Evaluator.Add(ind, Evaluator.Rotate(ind, step));
        ind = Evaluator.MultiplyPlain(ind, _firstColumn ??= new SlotVector(lay.Mask((r, col) => col == 0 ? 1 : 0)));
        for (int step = 1; step < lay.S1; step <<= 1) ind = Evaluator.Add(ind, Evaluator.Rotate(ind, -step));
        return ind;
    }

    /// <summary>Copies columns 0 … period−1 over the whole row (right rotations by period, 2·period, …).</summary>
    private HeCiphertext Retile(HeCiphertext ct, int period, int s1)
    {
        for (int step = period; step < s1; step <<= 1) ct = Evaluator.Add(ct, Evaluator.Rotate(ct, -step));
        return ct;
    }

    /// <summary>Mask of the layer's real units in real rows, and the bias column (1 in column Out(l) of real rows).</summary>
    private (double[] Unit, SlotVector Bias) Masks(int layer, int count)
    {
        if (_masks.TryGetValue((layer, count), out var m)) return m;
        var lay = Layouts[layer];
        int width = Shape.Out(layer);
        var unit = lay.Mask((r, col) => r < count && col < width ? 1 : 0);
        var bias = new SlotVector(lay.Mask((r, col) => r < count && col == width ? 1 : 0));
        m = (unit, bias);
        _masks[(layer, count)] = m;
        return m;
    }

    private HeCiphertext[] EnsureAll(IReadOnlyList<HeCiphertext> cts, int levels, string point)
    {
        var r = new HeCiphertext[cts.Count];
        bool need = false;
        foreach (var ct in cts) need |= ct.Level - Policy.Floor < levels;
        for (int i = 0; i < r.Length; i++) r[i] = need && Policy.Enabled ? Policy.Force(cts[i], point) : cts[i];
        return r;
    }

    private T Stage<T>(string name, Func<T> body) => Profiler.Run(name, body);
}
