using HEPrune.Core.Circuits;

namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// The float64 reference of the from-scratch MLP: forward pass, backpropagation and the vanilla SGD step, with either
/// exact ReLU or a <see cref="ReluApproximation"/>, and either the exact softmax or HETAL's approximation. With the
/// approximations it computes exactly what the encrypted circuit computes (up to rounding).
/// </summary>
public sealed class PlainMlp
{
    private readonly double[][,] _w;

    /// <summary>Creates a network from its weights (layer l: Out(l) × (In(l) + 1), bias last); the arrays are copied.</summary>
    /// <exception cref="ArgumentException">A weight matrix has the wrong shape.</exception>
    public PlainMlp(MlpShape shape, IReadOnlyList<double[,]> weights, ReluApproximation? activation, bool approximateSoftmax,
        SoftmaxSettings? softmax = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != shape.Layers)
            throw new ArgumentException($"PlainMlp: {weights.Count} weight matrices for {shape.Layers} layers.", nameof(weights));
        _w = new double[shape.Layers][,];
        for (int l = 0; l < shape.Layers; l++)
        {
            if (weights[l].GetLength(0) != shape.Out(l) || weights[l].GetLength(1) != shape.In(l) + 1)
                throw new ArgumentException($"PlainMlp: layer {l} weights are {weights[l].GetLength(0)}x{weights[l].GetLength(1)}, expected {shape.Out(l)}x{shape.In(l) + 1}.", nameof(weights));
            _w[l] = (double[,])weights[l].Clone();
        }
        Shape = shape;
        Activation = activation;
        ApproximateSoftmax = approximateSoftmax;
        Softmax = softmax ?? SoftmaxSettings.Mlp;
    }

    /// <summary>The approximate softmax's settings (used when <see cref="ApproximateSoftmax"/> is true).</summary>
    public SoftmaxSettings Softmax { get; }

    /// <summary>The widths.</summary>
    public MlpShape Shape { get; }

    /// <summary>The ReLU approximation, or null for exact ReLU.</summary>
    public ReluApproximation? Activation { get; }

    /// <summary>True to use HETAL's approximate softmax (as the circuit does).</summary>
    public bool ApproximateSoftmax { get; }

    /// <summary>The current weights (live arrays).</summary>
    public IReadOnlyList<double[,]> Weights => _w;

    /// <summary>
    /// Returns PyTorch's default nn.Linear initialisation (weights and bias uniform in ±1/√fan_in), drawn from a seeded
    /// generator, layer by layer, row by row, bias last.
    /// </summary>
    public static double[][,] InitialWeights(MlpShape shape, int seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var rng = new Random(seed);
        var w = new double[shape.Layers][,];
        for (int l = 0; l < shape.Layers; l++)
        {
            int o = shape.Out(l), i = shape.In(l);
            double bound = 1 / Math.Sqrt(i);
            w[l] = new double[o, i + 1];
            for (int r = 0; r < o; r++)
                for (int c = 0; c <= i; c++) w[l][r, c] = (2 * rng.NextDouble() - 1) * bound;
        }
        return w;
    }

    /// <summary>Returns the pre-activations of every layer for one sample (the last entry holds the logits).</summary>
    public double[][] PreActivations(ReadOnlySpan<float> x)
    {
        if (x.Length != Shape.Input)
            throw new ArgumentException($"PlainMlp: sample has {x.Length} features, expected {Shape.Input}.", nameof(x));
        var z = new double[Shape.Layers][];
        var input = new double[x.Length];
        for (int j = 0; j < x.Length; j++) input[j] = x[j];
        for (int l = 0; l < Shape.Layers; l++)
        {
            z[l] = Affine(_w[l], input);
            if (l < Shape.Layers - 1)
            {
                input = new double[z[l].Length];
                for (int j = 0; j < input.Length; j++) input[j] = Act(z[l][j]);
            }
        }
        return z;
    }

    /// <summary>Returns the logits of one sample.</summary>
    public double[] Logits(ReadOnlySpan<float> x) => PreActivations(x)[^1];

    /// <summary>Returns the softmax probabilities (approximate or exact, as configured) of one sample.</summary>
    public double[] Probabilities(ReadOnlySpan<float> x)
    {
        var z = Logits(x);
        var p = new double[z.Length];
        if (ApproximateSoftmax) SoftmaxApproximation.ReferenceRow(z, p, Softmax);
        else SoftmaxApproximation.ExactRow(z, p);
        return p;
    }

    /// <summary>
    /// Returns the update −(η/n)·∇L of every layer for the samples <paramref name="batch"/> (n = batch length), the
    /// mean cross-entropy gradient with the configured softmax and activation; δ uses the weights before the update.
    /// </summary>
    public double[][,] ScaledGradients(LabeledFeatures data, IReadOnlyList<int> batch, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(batch);
        int layers = Shape.Layers;
        var g = new double[layers][,];
        for (int l = 0; l < layers; l++) g[l] = new double[Shape.Out(l), Shape.In(l) + 1];
        double s = -learningRate / batch.Count;
        var acts = new double[layers][];
        foreach (int idx in batch)
        {
            var x = data.Rows[idx];
            var z = PreActivations(x);
            acts[0] = Array.ConvertAll(x, v => (double)v);
            for (int l = 1; l < layers; l++) acts[l] = Array.ConvertAll(z[l - 1], Act);
            var p = new double[Shape.Classes];
            if (ApproximateSoftmax) SoftmaxApproximation.ReferenceRow(z[^1], p, Softmax);
            else SoftmaxApproximation.ExactRow(z[^1], p);
            var delta = new double[Shape.Classes];
            for (int i = 0; i < delta.Length; i++) delta[i] = s * (p[i] - (data.Labels[idx] == i ? 1 : 0));
            for (int l = layers - 1; l >= 0; l--)
            {
                var a = acts[l];
                int inW = Shape.In(l);
                for (int i = 0; i < delta.Length; i++)
                {
                    double di = delta[i];
                    if (di == 0) continue;
                    for (int j = 0; j < inW; j++) g[l][i, j] += di * a[j];
                    g[l][i, inW] += di;
                }
                if (l == 0) break;
                var prev = new double[inW];
                for (int i = 0; i < delta.Length; i++)
                {
                    double di = delta[i];
                    for (int j = 0; j < inW; j++) prev[j] += di * _w[l][i, j];
                }
                for (int j = 0; j < inW; j++) prev[j] *= ActDerivative(z[l - 1][j]);
                delta = prev;
            }
        }
        return g;
    }

    /// <summary>Runs one vanilla SGD step W ← W − (η/n)∇L on the samples <paramref name="batch"/>.</summary>
    public void Step(LabeledFeatures data, IReadOnlyList<int> batch, double learningRate)
    {
        var g = ScaledGradients(data, batch, learningRate);
        for (int l = 0; l < _w.Length; l++)
            for (int i = 0; i < _w[l].GetLength(0); i++)
                for (int j = 0; j < _w[l].GetLength(1); j++) _w[l][i, j] += g[l][i, j];
    }

    /// <summary>Replaces the weights (e.g. with the decrypted ones); the arrays are copied.</summary>
    /// <exception cref="ArgumentException">A matrix has the wrong shape.</exception>
    public void SetWeights(IReadOnlyList<double[,]> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var copy = new PlainMlp(Shape, weights, Activation, ApproximateSoftmax, Softmax);
        for (int l = 0; l < _w.Length; l++) _w[l] = copy._w[l];
    }

    /// <summary>Returns the fraction of samples whose argmax logit equals the label.</summary>
    public double Accuracy(LabeledFeatures data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int ok = 0;
        for (int i = 0; i < data.Count; i++)
        {
            var z = Logits(data.Rows[i]);
            int best = 0;
            for (int j = 1; j < z.Length; j++) if (z[j] > z[best]) best = j;
            if (best == data.Labels[i]) ok++;
        }
        return (double)ok / data.Count;
    }

    /// <summary>Returns the mean exact cross-entropy of the logits (what the client computes after decryption).</summary>
    public double Loss(LabeledFeatures data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double sum = 0;
        for (int i = 0; i < data.Count; i++) sum += Protocol.Client.CrossEntropy(Logits(data.Rows[i]), data.Labels[i]);
        return sum / data.Count;
    }

    private double Act(double z) => Activation is null ? Math.Max(z, 0) : Activation.Activate(z);

    private double ActDerivative(double z) => Activation is null ? (z > 0 ? 1 : 0) : Activation.Derivative(z);

    private static double[] Affine(double[,] w, double[] input)
    {
        int o = w.GetLength(0), i = w.GetLength(1) - 1;
        var z = new double[o];
        for (int r = 0; r < o; r++)
        {
            double s = w[r, i];
            for (int c = 0; c < i; c++) s += w[r, c] * input[c];
            z[r] = s;
        }
        return z;
    }
}
