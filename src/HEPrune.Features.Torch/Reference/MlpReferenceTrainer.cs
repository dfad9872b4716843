using HEPrune.Core.Features;
using HEPrune.Features.Torch.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HEPrune.Features.Torch.Reference;

/// <summary>
/// Unencrypted TorchSharp reference of the paper's from-scratch network (Table 3, <c>nets/mlp.py</c>): Linear → ReLU →
/// … → Linear with PyTorch's default initialisation, mean cross-entropy, vanilla SGD (no momentum, no weight decay),
/// float32 on the CPU; optionally pruned as HEPrune's scripts do (random subset at epoch 0, then every Δτ epochs the
/// top L1-error samples). The exact-ReLU, exact-softmax counterpart of the encrypted MLP's recipe.
/// </summary>
public static class MlpReferenceTrainer
{
    /// <summary>Trains on <paramref name="train"/> and returns the test accuracy after every epoch and the final weights.</summary>
    /// <param name="train">Training features (already normalised) and labels.</param>
    /// <param name="test">Test set (same dim and classes).</param>
    /// <param name="hidden">Hidden widths (paper: 128, 128).</param>
    /// <param name="options">Learning rate, batch, epochs, seed, kept fraction, Δτ.</param>
    /// <param name="initial">Optional initial weights per layer, Out × (In + 1) with the bias last (default: PyTorch's init from the seed).</param>
    /// <exception cref="ArgumentException">Mismatched sets, invalid options or initial weights of the wrong shape.</exception>
    public static MlpReferenceResult Train(LabeledFeatures train, LabeledFeatures test, IReadOnlyList<int> hidden,
        MlpReferenceOptions options, IReadOnlyList<double[,]>? initial = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (test.Dim != train.Dim || test.Classes != train.Classes)
            throw new ArgumentException($"MlpReferenceTrainer: test set has dim {test.Dim} and {test.Classes} classes, training set dim {train.Dim} and {train.Classes}.");
        if (train.Rows == 0 || test.Rows == 0) throw new ArgumentException("MlpReferenceTrainer: training and test sets must not be empty.");
        TorchNative.EnsureLoaded();

        int n = train.Rows, d = train.Dim, c = train.Classes;
        var widths = new List<int> { d };
        widths.AddRange(hidden);
        widths.Add(c);
        using var scope = NewDisposeScope();
        var xAll = tensor(train.X, new long[] { n, d });
        var yAll = tensor(train.Y.Select(v => (long)v).ToArray());
        var xTest = tensor(test.X, new long[] { test.Rows, d });
        var yTest = tensor(test.Y.Select(v => (long)v).ToArray());

        var layers = new Linear[widths.Count - 1];
        lock (TorchGlobalRandom.Gate)
        {
            // TorchSharp's default initialisation draws from the global generator: seed it under a lock.
            random.manual_seed(options.Seed);
            for (int l = 0; l < layers.Length; l++) layers[l] = nn.Linear(widths[l], widths[l + 1]);
        }
        if (initial is not null) Load(layers, initial);
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int l = 0; l < layers.Length; l++)
        {
            modules.Add(($"fc{l}", layers[l]));
            if (l < layers.Length - 1) modules.Add(($"relu{l}", nn.ReLU()));
        }
        var model = nn.Sequential(modules);
        var opt = optim.SGD(model.parameters(), options.Lr);
        var rng = new Random(options.Seed);
        int[] subset = options.Keep >= 1 ? Enumerable.Range(0, n).ToArray() : PruneSelection.RandomSubset(n, options.Keep, rng);
        var accuracy = new List<double>();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (options.Keep < 1 && epoch > 0 && epoch % options.PruneEvery == 0)
                subset = PruneSelection.TopWithWindow(PruneSelection.Scores(Probabilities(model, xAll), train.Y, c, ErrorScore.L1), options.Keep, 0);
            var order = (int[])subset.Clone();
            if (options.Shuffle) rng.Shuffle(order);
            model.train();
            for (int start = 0; start < order.Length; start += options.Batch)
            {
                using var step = NewDisposeScope();
                int len = Math.Min(options.Batch, order.Length - start);
                var idx = tensor(order.AsSpan(start, len).ToArray().Select(v => (long)v).ToArray());
                opt.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(xAll.index_select(0, idx)), yAll.index_select(0, idx));
                loss.backward();
                opt.step();
            }
            accuracy.Add(Accuracy(model, xTest, yTest));
        }
        var weights = new double[layers.Length][,];
        for (int l = 0; l < layers.Length; l++) weights[l] = Read(layers[l]);
        model.Dispose();
        int best = 0;
        for (int e = 1; e < accuracy.Count; e++) if (accuracy[e] > accuracy[best]) best = e;
        return new MlpReferenceResult(accuracy[best], best, accuracy, weights);
    }

    private static void Load(Linear[] layers, IReadOnlyList<double[,]> initial)
    {
        if (initial.Count != layers.Length)
            throw new ArgumentException($"MlpReferenceTrainer: {initial.Count} initial weight matrices for {layers.Length} layers.", nameof(initial));
        using var _ = no_grad();
        for (int l = 0; l < layers.Length; l++)
        {
            var w = layers[l].weight!;
            long o = w.shape[0], i = w.shape[1];
            if (initial[l].GetLength(0) != o || initial[l].GetLength(1) != i + 1)
                throw new ArgumentException($"MlpReferenceTrainer: layer {l} initial weights are {initial[l].GetLength(0)}x{initial[l].GetLength(1)}, expected {o}x{i + 1}.", nameof(initial));
            var wf = new float[o * i];
            var bf = new float[o];
            for (int r = 0; r < o; r++)
            {
                for (int k = 0; k < i; k++) wf[r * i + k] = (float)initial[l][r, k];
                bf[r] = (float)initial[l][r, i];
            }
            w.copy_(tensor(wf, new long[] { o, i }));
            layers[l].bias!.copy_(tensor(bf));
        }
    }

    private static double[,] Read(Linear layer)
    {
        var w = layer.weight!.detach().contiguous().data<float>().ToArray();
        var b = layer.bias!.detach().contiguous().data<float>().ToArray();
        int o = b.Length, i = w.Length / o;
        var r = new double[o, i + 1];
        for (int u = 0; u < o; u++)
        {
            for (int k = 0; k < i; k++) r[u, k] = w[u * i + k];
            r[u, i] = b[u];
        }
        return r;
    }

    private static float[] Probabilities(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        return model.forward(x).softmax(1).contiguous().data<float>().ToArray();
    }

    private static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        return model.forward(x).argmax(1).eq(y).to_type(ScalarType.Float64).mean().item<double>();
    }
}
