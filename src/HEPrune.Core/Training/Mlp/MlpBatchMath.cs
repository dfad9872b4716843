using System.Numerics;
using HEPrune.Core.Circuits;

namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// The values <see cref="MlpCircuit"/> computes for one batch, by float64 matrix math on flat row-major arrays: the
/// forward pass with the ReLU approximation and HETAL's approximate softmax, the error (P·ind − Y)·(−η/n) with ind the
/// label row sum, and backpropagation with the polynomial's derivative. The engine of <see cref="FunctionalMlp"/>.
/// </summary>
/// <remarks>
/// Weights of layer l are Out(l) × (In(l) + 1), bias last. The batch holds <c>rows</c> rows of In(0) + 1 features
/// (the data's own bias column, 0 in rows the pruning emptied) and c_pad label columns; rows past <c>rows</c> are the
/// block's padding (zero features, no bias), whose logits are 0.
/// </remarks>
public sealed class MlpBatchMath
{
    private readonly double[][] _z;    // pre-activations per layer, rows × Out(l)
    private readonly double[][] _h;    // inputs per layer, rows × (In(l) + 1); _h[0] is the batch itself
    private readonly double[][] _e;    // errors per layer, rows × Out(l)

    /// <summary>Creates the buffers for batches of up to <paramref name="maxRows"/> rows.</summary>
    /// <exception cref="ArgumentException">maxRows is not positive.</exception>
    public MlpBatchMath(MlpShape shape, ReluApproximation activation, int maxRows, SoftmaxSettings? softmax = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(activation);
        if (maxRows < 1) throw new ArgumentException($"MlpBatchMath: maxRows must be >= 1, got {maxRows}.", nameof(maxRows));
        Shape = shape;
        Activation = activation;
        Softmax = softmax ?? SoftmaxSettings.Mlp;
        MaxRows = maxRows;
        _z = new double[shape.Layers][];
        _h = new double[shape.Layers][];
        _e = new double[shape.Layers][];
        for (int l = 0; l < shape.Layers; l++)
        {
            _z[l] = new double[maxRows * shape.Out(l)];
            _h[l] = new double[maxRows * (shape.In(l) + 1)];
            _e[l] = new double[maxRows * shape.Out(l)];
        }
    }

    /// <summary>The widths.</summary>
    public MlpShape Shape { get; }

    /// <summary>The ReLU approximation.</summary>
    public ReluApproximation Activation { get; }

    /// <summary>The approximate softmax's settings.</summary>
    public SoftmaxSettings Softmax { get; }

    /// <summary>Largest batch.</summary>
    public int MaxRows { get; }

    /// <summary>The input buffer of layer 0: rows × (In(0) + 1), to be filled by the caller before <see cref="Forward"/>.</summary>
    public Span<double> Input => _h[0];

    /// <summary>The pre-activations of layer <paramref name="layer"/> from the last <see cref="Forward"/>: rows × Out(layer).</summary>
    public ReadOnlySpan<double> PreActivations(int layer) => _z[layer];

    /// <summary>The logits of the last <see cref="Forward"/>: rows × classes.</summary>
    public ReadOnlySpan<double> Logits => _z[^1];

    /// <summary>
    /// Runs the forward pass over the first <paramref name="rows"/> rows of <see cref="Input"/> (the hidden layers'
    /// bias column is 1 in every one of them, as the circuit's bias mask) and leaves the logits in <see cref="Logits"/>.
    /// </summary>
    public void Forward(IReadOnlyList<double[]> weights, int rows)
    {
        Check(weights, rows);
        for (int l = 0; l < Shape.Layers; l++)
        {
            int inW = Shape.In(l) + 1, outW = Shape.Out(l);
            Affine(_h[l], rows, inW, weights[l], outW, _z[l]);
            if (l == Shape.Layers - 1) break;
            var next = _h[l + 1];
            int nextW = outW + 1;
            var z = _z[l];
            for (int r = 0; r < rows; r++)
            {
                for (int u = 0; u < outW; u++) next[r * nextW + u] = Activation.Activate(z[r * outW + u]);
                next[r * nextW + outW] = 1;
            }
        }
    }

    /// <summary>
    /// Computes the scaled updates −(η/n)·∇L of every layer for the first <paramref name="rows"/> rows after
    /// <see cref="Forward"/>: error e = scale·(P·ind − Y) on the real classes with ind = Σ_j labels[r, j] over the
    /// <paramref name="labelColumns"/> label columns, then gradients and backpropagated errors with the weights as
    /// they are now. The updates are added to <paramref name="updates"/> (Out(l) × (In(l) + 1), zeroed by the caller).
    /// </summary>
    public void Backward(IReadOnlyList<double[]> weights, int rows, ReadOnlySpan<double> labels, int labelColumns, double scale,
        IReadOnlyList<double[]> updates)
    {
        Check(weights, rows);
        int classes = Shape.Classes;
        if (labels.Length < rows * labelColumns || labelColumns < classes)
            throw new ArgumentException($"MlpBatchMath: labels hold {labels.Length} values, expected {rows} rows × {labelColumns} (>= {classes}) columns.", nameof(labels));
        var p = new double[classes];
        var eOut = _e[^1];
        var logits = _z[^1];
        for (int r = 0; r < rows; r++)
        {
            SoftmaxApproximation.ReferenceRow(logits.AsSpan(r * classes, classes), p, Softmax);
            var y = labels.Slice(r * labelColumns, labelColumns);
            double ind = 0;
            for (int j = 0; j < labelColumns; j++) ind += y[j];
            for (int j = 0; j < classes; j++) eOut[r * classes + j] = scale * (p[j] * ind - y[j]);
        }
        for (int l = Shape.Layers - 1; l >= 0; l--)
        {
            int inW = Shape.In(l) + 1, outW = Shape.Out(l);
            var e = _e[l];
            var h = _h[l];
            var g = updates[l];
            for (int r = 0; r < rows; r++)
            {
                var hr = h.AsSpan(r * inW, inW);
                for (int u = 0; u < outW; u++)
                {
                    double eu = e[r * outW + u];
                    if (eu != 0) Axpy(eu, hr, g.AsSpan(u * inW, inW));
                }
            }
            if (l == 0) break;
            // δ_{l−1} = (e_l · W_l[:, :In]) ⊙ q′(z_{l−1})
            int prevW = Shape.In(l);
            var ePrev = _e[l - 1];
            var zPrev = _z[l - 1];
            var w = weights[l];
            for (int r = 0; r < rows; r++)
            {
                var dst = ePrev.AsSpan(r * prevW, prevW);
                dst.Clear();
                for (int u = 0; u < outW; u++)
                {
                    double eu = e[r * outW + u];
                    if (eu != 0) Axpy(eu, w.AsSpan(u * inW, prevW), dst);
                }
                for (int k = 0; k < prevW; k++) dst[k] *= Activation.Derivative(zPrev[r * prevW + k]);
            }
        }
    }

    /// <summary>Returns the approximate softmax of row <paramref name="row"/> of the last forward pass into <paramref name="p"/>.</summary>
    public void Probabilities(int row, Span<double> p)
    {
        int c = Shape.Classes;
        SoftmaxApproximation.ReferenceRow(_z[^1].AsSpan(row * c, c), p, Softmax);
    }

    /// <summary>out[r, u] = Σ_k h[r, k]·w[u, k] for r &lt; rows.</summary>
    internal static void Affine(double[] h, int rows, int inW, double[] w, int outW, double[] output)
    {
        for (int r = 0; r < rows; r++)
        {
            var hr = h.AsSpan(r * inW, inW);
            for (int u = 0; u < outW; u++) output[r * outW + u] = Dot(hr, w.AsSpan(u * inW, inW));
        }
    }

    /// <summary>Returns Σ a[i]·b[i] (vectorised with <see cref="Vector{T}"/> when hardware-accelerated, else scalar).</summary>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, i = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            int w = Vector<double>.Count;
            for (; i <= n - w; i += w) acc += new Vector<double>(a.Slice(i, w)) * new Vector<double>(b.Slice(i, w));
            s = Vector.Sum(acc);
        }
        for (; i < n; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>y[i] += alpha·x[i] (vectorised when hardware-accelerated, else scalar).</summary>
    internal static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            int w = Vector<double>.Count;
            var va = new Vector<double>(alpha);
            for (; i <= n - w; i += w) (new Vector<double>(y.Slice(i, w)) + va * new Vector<double>(x.Slice(i, w))).CopyTo(y.Slice(i, w));
        }
        for (; i < n; i++) y[i] += alpha * x[i];
    }

    private void Check(IReadOnlyList<double[]> weights, int rows)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (rows < 0 || rows > MaxRows) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"MlpBatchMath: rows must be in [0, {MaxRows}].");
        if (weights.Count != Shape.Layers) throw new ArgumentException($"MlpBatchMath: {weights.Count} weight matrices for {Shape.Layers} layers.", nameof(weights));
        for (int l = 0; l < Shape.Layers; l++)
            if (weights[l].Length != Shape.Out(l) * (Shape.In(l) + 1))
                throw new ArgumentException($"MlpBatchMath: layer {l} has {weights[l].Length} weights, expected {Shape.Out(l)}x{Shape.In(l) + 1}.", nameof(weights));
    }
}
