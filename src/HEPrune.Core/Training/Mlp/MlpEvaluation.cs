namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// Test accuracy and validation loss of decrypted MLP weights (evaluation only, outside the protocol): the network
/// with the polynomial activation, logits by <see cref="MlpBatchMath"/> in chunks of rows, argmax for accuracy and the
/// exact cross-entropy of the logits for the loss (what <see cref="PlainMlp.Accuracy"/> and <see cref="PlainMlp.Loss"/>
/// compute, with vectorised dot products).
/// </summary>
public sealed class MlpEvaluation
{
    private const int Chunk = 256;
    private readonly MlpBatchMath _math;

    /// <summary>Creates the evaluator.</summary>
    public MlpEvaluation(MlpShape shape, HEPrune.Core.Circuits.ReluApproximation activation)
        => _math = new MlpBatchMath(shape, activation, Chunk);

    /// <summary>
    /// Largest |pre-activation| of each hidden layer over the samples of the last <see cref="Evaluate"/> (the ReLU
    /// approximation is only valid on [−R, R]).
    /// </summary>
    public IReadOnlyList<double> LastMaxPreActivation { get; private set; } = [];

    /// <summary>Returns (fraction of samples whose argmax logit is the label, mean exact cross-entropy, largest |logit|).</summary>
    /// <exception cref="ArgumentException">The data's dimension or the weights' shapes differ from the network's.</exception>
    public (double Accuracy, double Loss, double MaxLogit) Evaluate(IReadOnlyList<double[,]> weights, LabeledFeatures data)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(data);
        var shape = _math.Shape;
        if (data.Dimension != shape.Input)
            throw new ArgumentException($"MlpEvaluation: data has {data.Dimension} features, the network {shape.Input}.", nameof(data));
        var flat = new double[shape.Layers][];
        for (int l = 0; l < shape.Layers; l++)
        {
            int o = shape.Out(l), i = shape.In(l) + 1;
            if (weights[l].GetLength(0) != o || weights[l].GetLength(1) != i)
                throw new ArgumentException($"MlpEvaluation: layer {l} weights are {weights[l].GetLength(0)}x{weights[l].GetLength(1)}, expected {o}x{i}.", nameof(weights));
            flat[l] = new double[o * i];
            for (int u = 0; u < o; u++)
                for (int k = 0; k < i; k++) flat[l][u * i + k] = weights[l][u, k];
        }
        int inW = shape.Input + 1, c = shape.Classes, ok = 0;
        double loss = 0, maxLogit = 0;
        var maxZ = new double[shape.Layers - 1];
        for (int start = 0; start < data.Count; start += Chunk)
        {
            int rows = Math.Min(Chunk, data.Count - start);
            var x = _math.Input;
            for (int r = 0; r < rows; r++)
            {
                var src = data.Rows[start + r];
                for (int k = 0; k < src.Length; k++) x[r * inW + k] = src[k];
                x[r * inW + inW - 1] = 1;
            }
            _math.Forward(flat, rows);
            for (int l = 0; l < maxZ.Length; l++)
                foreach (double v in _math.PreActivations(l)[..(rows * shape.Out(l))])
                    maxZ[l] = double.IsNaN(v) ? double.NaN : Math.Max(maxZ[l], Math.Abs(v));
            var z = _math.Logits;
            for (int r = 0; r < rows; r++)
            {
                var zr = z.Slice(r * c, c);
                int best = 0;
                for (int j = 1; j < c; j++) if (zr[j] > zr[best]) best = j;
                foreach (double v in zr) maxLogit = double.IsNaN(v) ? double.NaN : Math.Max(maxLogit, Math.Abs(v));
                int y = data.Labels[start + r];
                if (best == y) ok++;
                loss += Protocol.Client.CrossEntropy(zr, y);
            }
        }
        LastMaxPreActivation = maxZ;
        return data.Count == 0 ? (0, 0, 0) : ((double)ok / data.Count, loss / data.Count, maxLogit);
    }
}
