using System.Globalization;
using System.Text;
using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Packing;
using HEPrune.Core.Protocol;

namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// The "functional" fast path of the emulated MLP (backend name <c>emulated-functional</c>): computes the values
/// <see cref="MlpCircuit"/> computes with float64 matrix math (<see cref="MlpBatchMath"/>: the same ReLU approximation,
/// derivative and approximate softmax), and charges the circuit's operation counts, stage counts and refresh points
/// of each step and forward pass, recorded from the circuit itself.
/// </summary>
/// <remarks>
/// The circuit's counts depend only on the levels and scales of its input ciphertexts (weights and batch), never on
/// their values: refresh decisions are level-based and every loop bound is a shape. So the first time a step (or a
/// scoring forward pass) meets a given level/scale signature it runs the real circuit on the emulated evaluator (on
/// the actual batch and the current weights, so that step's values are the circuit's own), and records the counts
/// and the resulting levels/scales; later steps with the same signature run the matrix math and add the recorded
/// counts. Scoring passes return a P ciphertext at the circuit's level and scale, holding the approximate softmax
/// in every period-c_pad column window but the last (columns ≥ c of each window and the last window hold 0; in the
/// circuit the last window is not a softmax, and HEFS and EL2N read only columns &lt; c of window 0).
/// Emulated backends only, without emulation noise.
/// </remarks>
public sealed class FunctionalMlp
{
    private readonly MlpCircuit _circuit;
    private readonly MlpBatchMath _math;
    private readonly double[][] _w;
    private readonly double[][] _g;
    private (int Level, double Scale)[][] _meta;
    private readonly Dictionary<string, Charge> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Charge> _forwards = new(StringComparer.Ordinal);
    private readonly double[] _labels;
    private readonly double[] _p;

    /// <summary>Creates the fast path from the circuit and the encrypted initial model (its levels and values).</summary>
    /// <exception cref="ArgumentException">The circuit's evaluator is not the emulated one, or it adds noise.</exception>
    public FunctionalMlp(MlpCircuit circuit, EncryptedMlp initial)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(initial);
        if (circuit.Evaluator is not EmulatedEvaluator)
            throw new ArgumentException($"FunctionalMlp: needs the emulated evaluator, got {circuit.Evaluator.GetType().Name}.", nameof(circuit));
        _circuit = circuit;
        var shape = circuit.Shape;
        _math = new MlpBatchMath(shape, circuit.Activation, circuit.DataLayout.S0, circuit.Softmax);
        _w = new double[shape.Layers][];
        _g = new double[shape.Layers][];
        for (int l = 0; l < shape.Layers; l++) _g[l] = new double[shape.Out(l) * (shape.In(l) + 1)];
        _meta = MetaOf(initial);
        Read(initial);
        _labels = new double[circuit.DataLayout.S0 * circuit.DataLayout.PaddedClasses];
        _p = new double[shape.Classes];
    }

    /// <summary>Per-stage operation counts charged by functional steps (the circuit runs add theirs to its profiler).</summary>
    public Dictionary<string, OpCounter> Stages { get; } = new(StringComparer.Ordinal);

    /// <summary>Refresh points charged by functional steps (the circuit runs add theirs to its policy).</summary>
    public Dictionary<string, int> Points { get; } = new(StringComparer.Ordinal);

    /// <summary>Steps and forward passes that ran the real circuit (one per new level signature).</summary>
    public int CircuitRuns { get; private set; }

    /// <summary>Steps and forward passes computed by matrix math.</summary>
    public int FunctionalRuns { get; private set; }

    /// <summary>Returns the current weights, Out(l) × (In(l) + 1) per layer.</summary>
    public double[][,] Weights()
    {
        var shape = _circuit.Shape;
        var r = new double[shape.Layers][,];
        for (int l = 0; l < r.Length; l++)
        {
            int o = shape.Out(l), i = shape.In(l) + 1;
            r[l] = new double[o, i];
            for (int u = 0; u < o; u++)
                for (int k = 0; k < i; k++) r[l][u, k] = _w[l][u * i + k];
        }
        return r;
    }

    /// <summary>Returns the model as the circuit would hold it now (tiled weights at their current levels and scales).</summary>
    public EncryptedMlp Model()
    {
        var shape = _circuit.Shape;
        var w = Weights();
        var layers = new HeCiphertext[shape.Layers][];
        for (int l = 0; l < layers.Length; l++)
        {
            var blocks = BlockEncoder.EncodeTiledWeights(_circuit.Layouts[l], w[l]);
            if (blocks.Length != _meta[l].Length)
                throw new InvalidOperationException($"FunctionalMlp: layer {l} has {blocks.Length} blocks, the model {_meta[l].Length}.");
            layers[l] = new HeCiphertext[blocks.Length];
            for (int j = 0; j < blocks.Length; j++)
                layers[l][j] = new EmulatedCiphertext(SlotArray.FromFlat(blocks[j].Real, blocks[j].Length, blocks[j].Length), null, _meta[l][j].Level, _meta[l][j].Scale);
        }
        return new EncryptedMlp(layers);
    }

    /// <summary>One SGD step on <paramref name="batch"/> (n = <paramref name="samples"/>, default its Count): the circuit's values and counts.</summary>
    public void Step(EncryptedBatch batch, double learningRate, int? samples = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        string key = Key(batch);
        if (!_steps.TryGetValue(key, out var charge))
        {
            var model = Model();
            _steps[key] = Record(() => _circuit.Step(model, batch, learningRate, samples), model, null);
            Read(model);
            return;
        }
        int rows = LoadBatch(batch);
        _math.Forward(_w, rows);
        foreach (var g in _g) Array.Clear(g);
        _math.Backward(_w, rows, _labels, _circuit.DataLayout.PaddedClasses, -learningRate / (samples ?? batch.Count), _g);
        for (int l = 0; l < _w.Length; l++) MlpBatchMath.Axpy(1, _g[l], _w[l]);
        Apply(charge);
    }

    /// <summary>The scoring forward pass of <paramref name="batch"/>: P at the circuit's level and scale, with its counts.</summary>
    public HeCiphertext Probabilities(EncryptedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        string key = Key(batch);
        if (!_forwards.TryGetValue(key, out var charge))
        {
            var model = Model();
            HeCiphertext? p = null;
            _forwards[key] = Record(() => p = _circuit.Forward(batch, model).P, model, () => p!);
            return p!;
        }
        int rows = LoadBatch(batch);
        _math.Forward(_w, rows);
        var sl = _circuit.SoftmaxLayout;
        int c = _circuit.Shape.Classes, period = sl.PaddedClasses;
        var slots = new double[sl.Slots];
        for (int r = 0; r < sl.Rows; r++)
        {
            if (r < rows) _math.Probabilities(r, _p);
            else SoftmaxApproximation.ReferenceRow(new double[c], _p, _math.Softmax); // padding rows: zero features, no bias → logits 0
            for (int w0 = 0; w0 + period < sl.RowWidth; w0 += period)
                for (int j = 0; j < c; j++) slots[sl.Index(r, w0 + j)] = _p[j];
        }
        Apply(charge);
        return new EmulatedCiphertext(SlotArray.FromFlat(slots, slots.Length, slots.Length), null, charge.P.Level, charge.P.Scale);
    }

    /// <summary>Runs the real circuit once and records what it charged.</summary>
    private Charge Record(Action run, EncryptedMlp model, Func<HeCiphertext>? result)
    {
        var ev = _circuit.Evaluator;
        var ops = ev.Counter.Snapshot();
        var stages = new Dictionary<string, OpCounter>(StringComparer.Ordinal);
        foreach (var (name, counter) in _circuit.Profiler.Counts) stages[name] = counter.Snapshot();
        var points = new Dictionary<string, int>(_circuit.Policy.Points, StringComparer.Ordinal);
        run();
        CircuitRuns++;
        var stageDelta = new Dictionary<string, OpCounter>(StringComparer.Ordinal);
        foreach (var (name, counter) in _circuit.Profiler.Counts)
            stageDelta[name] = stages.TryGetValue(name, out var before) ? counter.Since(before) : counter.Snapshot();
        var pointDelta = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, n) in _circuit.Policy.Points)
            if (n - points.GetValueOrDefault(name) is > 0 and var d) pointDelta[name] = d;
        _meta = MetaOf(model);
        var p = result?.Invoke();
        return new Charge(ev.Counter.Since(ops), stageDelta, pointDelta, _meta, p is null ? default : (p.Level, p.Scale));
    }

    private void Apply(Charge charge)
    {
        _circuit.Evaluator.Counter.Merge(charge.Ops);
        foreach (var (name, counter) in charge.Stages)
        {
            if (!Stages.TryGetValue(name, out var acc)) Stages[name] = acc = new OpCounter();
            acc.Merge(counter);
        }
        foreach (var (name, n) in charge.Points) Points[name] = Points.GetValueOrDefault(name) + n;
        _meta = charge.WeightsAfter;
        FunctionalRuns++;
    }

    /// <summary>Copies the batch's features (In(0) + 1 columns, bias included) and c_pad label columns; returns its row extent.</summary>
    private int LoadBatch(EncryptedBatch batch)
    {
        var lay = _circuit.DataLayout;
        int rows = batch.Count, inW = lay.Features, s1 = lay.S1, cp = lay.PaddedClasses;
        if (batch.Features.Count != lay.FeatureBlocks)
            throw new ArgumentException($"FunctionalMlp: batch has {batch.Features.Count} feature blocks, expected {lay.FeatureBlocks}.", nameof(batch));
        var x = _math.Input;
        for (int b = 0; b < lay.FeatureBlocks; b++)
        {
            var re = Emulated(batch.Features[b]).Re;
            int c0 = b * s1, c1 = Math.Min(inW, c0 + s1);
            for (int r = 0; r < rows; r++)
                for (int c = c0; c < c1; c++) x[r * inW + c] = Slot(re, lay.Index(r, c - c0));
        }
        var y = Emulated(batch.Labels).Re;
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cp; j++) _labels[r * cp + j] = Slot(y, lay.Index(r, j));
        return rows;
    }

    private void Read(EncryptedMlp model)
    {
        var shape = _circuit.Shape;
        for (int l = 0; l < shape.Layers; l++)
        {
            var lay = _circuit.Layouts[l];
            int o = shape.Out(l), inW = shape.In(l) + 1;
            var w = _w[l] ??= new double[o * inW];
            for (int u = 0; u < o; u++)
                for (int k = 0; k < inW; k++) w[u * inW + k] = Slot(Emulated(model.Layers[l][k / lay.S1]).Re, lay.Index(u, k % lay.S1));
        }
    }

    private string Key(EncryptedBatch batch)
    {
        var sb = new StringBuilder();
        foreach (var layer in _meta)
        {
            foreach (var (level, scale) in layer) sb.Append(level).Append('@').Append(BitConverter.DoubleToInt64Bits(scale).ToString("x", CultureInfo.InvariantCulture)).Append(',');
            sb.Append('|');
        }
        foreach (var f in batch.Features) sb.Append(f.Level).Append('@').Append(BitConverter.DoubleToInt64Bits(f.Scale).ToString("x", CultureInfo.InvariantCulture)).Append(',');
        sb.Append(batch.Labels.Level).Append('@').Append(BitConverter.DoubleToInt64Bits(batch.Labels.Scale).ToString("x", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static (int Level, double Scale)[][] MetaOf(EncryptedMlp model) =>
        Array.ConvertAll(model.Layers, l => Array.ConvertAll(l, ct => (ct.Level, ct.Scale)));

    private static EmulatedCiphertext Emulated(HeCiphertext ct) => ct as EmulatedCiphertext
        ?? throw new ArgumentException($"FunctionalMlp: ciphertext of type {ct.GetType().Name} does not belong to the emulated backend.", nameof(ct));

    private static double Slot(SlotArray a, int index) => a.Chunks[index / a.ChunkLength][index % a.ChunkLength];

    /// <summary>What one circuit run charged: counts, per-stage counts, refresh points, the weights' levels/scales after it, P's level/scale.</summary>
    private sealed record Charge(OpCounter Ops, Dictionary<string, OpCounter> Stages, Dictionary<string, int> Points,
        (int Level, double Scale)[][] WeightsAfter, (int Level, double Scale) P);
}
