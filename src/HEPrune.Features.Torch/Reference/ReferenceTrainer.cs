using HEPrune.Core.Features;
using HEPrune.Features.Torch.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HEPrune.Features.Torch.Reference;

/// <summary>
/// Unencrypted reference training of a linear softmax classifier on frozen features (HEPrune's <c>tl_main.py</c> recipe:
/// <c>nn.Linear</c> with Xavier-uniform weights and zero bias, mean cross-entropy, SGD with Nesterov momentum and weight
/// decay, cosine annealing stepped per batch), optionally on a dynamically pruned subset: a random subset at epoch 0,
/// then every Δτ epochs the full training set is re-scored with the current model (exact EL2N or L1 error) and the
/// top-scoring samples after a noise window are kept. Deterministic for a given seed on one machine.
/// </summary>
public static class ReferenceTrainer
{
    /// <summary>Trains on <paramref name="train"/> and evaluates on <paramref name="test"/> (and <paramref name="val"/>, if given) after every epoch.</summary>
    /// <param name="train">Training features and labels.</param>
    /// <param name="test">Test features and labels (same dim and classes).</param>
    /// <param name="recipe">Hyperparameters.</param>
    /// <param name="val">Optional validation set for the validation loss and early stopping.</param>
    /// <param name="onEpoch">Optional callback after each epoch.</param>
    /// <exception cref="ArgumentException">Mismatched dimensions or an invalid recipe.</exception>
    public static ReferenceResult Train(LabeledFeatures train, LabeledFeatures test, ReferenceRecipe recipe,
        LabeledFeatures? val = null, Action<EpochRecord>? onEpoch = null)
    {
        recipe.Validate();
        Check(train, test, "test");
        if (val is not null) Check(train, val, "validation");
        TorchNative.EnsureLoaded();

        int n = train.Rows, d = train.Dim, c = train.Classes;
        var rng = new Random(recipe.Seed);
        using var scope = NewDisposeScope();
        var xAll = tensor(train.X, new long[] { n, d });
        var yAll = tensor(train.Y.Select(v => (long)v).ToArray());
        var xTest = tensor(test.X, new long[] { test.Rows, d });
        var yTest = tensor(test.Y.Select(v => (long)v).ToArray());
        Tensor? xVal = val is null ? null : tensor(val.X, new long[] { val.Rows, d });
        Tensor? yVal = val is null ? null : tensor(val.Y.Select(v => (long)v).ToArray());

        Linear model;
        lock (TorchGlobalRandom.Gate)
        {
            // TorchSharp's init functions draw from the global generator: seed it under a lock.
            random.manual_seed(recipe.Seed);
            model = nn.Linear(d, c);
            using var _ = no_grad();
            nn.init.xavier_uniform_(model.weight!);
            nn.init.zeros_(model.bias!);
        }
        var opt = optim.SGD(model.parameters(), recipe.Lr, recipe.Momentum, 0.0, recipe.WeightDecay, recipe.Nesterov);
        int kept = PruneSelection.KeptCount(n, recipe.Keep);
        int stepsPerEpoch = (kept + recipe.Batch - 1) / recipe.Batch;
        var sched = recipe.Schedule == LrSchedule.CosinePerBatch
            ? optim.lr_scheduler.CosineAnnealingLR(opt, stepsPerEpoch * recipe.Epochs, recipe.EtaMin)
            : null;

        int[] subset = recipe.Keep >= 1 ? Enumerable.Range(0, n).ToArray() : PruneSelection.RandomSubset(n, recipe.Keep, rng);
        var records = new List<EpochRecord>();
        double best = -1, accAtBestVal = double.NaN, bestVal = double.PositiveInfinity;
        int bestEpoch = -1, sinceBestVal = 0;
        for (int epoch = 0; epoch < recipe.Epochs; epoch++)
        {
            bool reselect = recipe.Keep < 1 && (epoch == 0 || epoch % recipe.PruneEvery == 0);
            if (recipe.Keep < 1 && epoch > 0 && epoch % recipe.PruneEvery == 0)
            {
                var probs = Predict(model, xAll, softmax: true);
                var scores = PruneSelection.Scores(probs, train.Y, c, recipe.Score);
                subset = PruneSelection.TopWithWindow(scores, recipe.Keep, recipe.Window);
            }
            var order = (int[])subset.Clone();
            rng.Shuffle(order);
            double lossSum = 0;
            int batches = 0;
            model.train();
            for (int start = 0; start < order.Length; start += recipe.Batch)
            {
                using var step = NewDisposeScope();
                int len = Math.Min(recipe.Batch, order.Length - start);
                var idx = tensor(order.AsSpan(start, len).ToArray().Select(v => (long)v).ToArray());
                var xb = xAll.index_select(0, idx);
                var yb = yAll.index_select(0, idx);
                opt.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(xb), yb);
                loss.backward();
                opt.step();
                sched?.step();
                lossSum += loss.item<float>();
                batches++;
            }
            double acc = Accuracy(model, xTest, yTest);
            double vloss = xVal is null ? double.NaN : Loss(model, xVal, yVal!);
            var rec = new EpochRecord(epoch, order.Length, lossSum / batches, acc, vloss, reselect || epoch == 0);
            records.Add(rec);
            onEpoch?.Invoke(rec);
            if (acc > best) { best = acc; bestEpoch = epoch; }
            if (xVal is not null)
            {
                if (vloss < bestVal) { bestVal = vloss; accAtBestVal = acc; sinceBestVal = 0; }
                else if (recipe.Patience > 0 && ++sinceBestVal >= recipe.Patience) break;
            }
        }
        var w = model.weight!.detach().contiguous().data<float>().ToArray();
        var b = model.bias!.detach().contiguous().data<float>().ToArray();
        model.Dispose();
        return new ReferenceResult(best, bestEpoch, accAtBestVal, records, w, b);
    }

    private static float[] Predict(nn.Module<Tensor, Tensor> model, Tensor x, bool softmax)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        var z = model.forward(x);
        if (softmax) z = z.softmax(1);
        return z.contiguous().data<float>().ToArray();
    }

    private static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        var pred = model.forward(x).argmax(1);
        return pred.eq(y).to_type(ScalarType.Float64).mean().item<double>();
    }

    private static double Loss(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        return nn.functional.cross_entropy(model.forward(x), y).item<float>();
    }

    private static void Check(LabeledFeatures train, LabeledFeatures other, string what)
    {
        if (other.Dim != train.Dim || other.Classes != train.Classes)
            throw new ArgumentException($"{what} set has dim {other.Dim} and {other.Classes} classes; the training set has dim {train.Dim} and {train.Classes} classes");
        if (train.Rows == 0 || other.Rows == 0) throw new ArgumentException($"training and {what} sets must not be empty");
    }
}
