using HEPrune.Core.Training.Mlp;
using HEPrune.Features.Torch.Reference;
using FlatFeatures = HEPrune.Core.Features.LabeledFeatures;
using RowFeatures = HEPrune.Core.Training.LabeledFeatures;

namespace HEPrune.Features.Tests;

/// <summary>The TorchSharp MLP reference: equals a float64 hand-written backpropagation step, learns, is deterministic.</summary>
public class MlpReferenceTrainerTests
{
    /// <summary>Gaussian blobs around class centres (Box–Muller from a seeded Random), flat and as rows.</summary>
    private static (FlatFeatures Flat, RowFeatures Rows) Blobs(int n, int dim, int classes, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n * dim];
        var y = new int[n];
        var rows = new List<float[]>();
        for (int i = 0; i < n; i++)
        {
            y[i] = i % classes;
            for (int j = 0; j < dim; j++)
            {
                double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                x[i * dim + j] = (float)((j % classes == y[i] ? 1.5 : 0.0) + 0.8 * g);
            }
            rows.Add(x.AsSpan(i * dim, dim).ToArray());
        }
        return (new FlatFeatures(x, y, dim, classes), new RowFeatures(rows, y, classes));
    }

    [Fact]
    public void OneStepEqualsTheFloat64BackpropagationWithExactReluAndSoftmax()
    {
        var (flat, rows) = Blobs(64, 12, 3, 1);
        var shape = new MlpShape(12, [6, 5], 3);
        var w0 = PlainMlp.InitialWeights(shape, 3);
        var options = new MlpReferenceOptions { Lr = 0.5, Batch = 64, Epochs = 1, Shuffle = false };
        var torchResult = MlpReferenceTrainer.Train(flat, flat, [6, 5], options, w0);

        var plain = new PlainMlp(shape, w0, activation: null, approximateSoftmax: false);
        plain.Step(rows, Enumerable.Range(0, 64).ToArray(), 0.5);
        for (int l = 0; l < shape.Layers; l++)
        {
            double moved = 0, diff = 0;
            for (int i = 0; i < w0[l].GetLength(0); i++)
                for (int j = 0; j < w0[l].GetLength(1); j++)
                {
                    moved = Math.Max(moved, Math.Abs(plain.Weights[l][i, j] - w0[l][i, j]));
                    diff = Math.Max(diff, Math.Abs(plain.Weights[l][i, j] - torchResult.Weights[l][i, j]));
                }
            Assert.True(moved > 1e-3, $"layer {l} moved only {moved}");
            Assert.True(diff < 2e-6, $"layer {l}: |torch − float64| = {diff} (float32 rounding of weights ≈ 1e-7 · |w|)");
        }
    }

    [Fact]
    public void LearnsBlobsIsDeterministicAndPrunes()
    {
        var (train, _) = Blobs(900, 12, 3, 2);
        var (test, _) = Blobs(300, 12, 3, 3);
        var options = new MlpReferenceOptions { Lr = 0.1, Batch = 32, Epochs = 5, Seed = 4 };
        var a = MlpReferenceTrainer.Train(train, test, [16, 16], options);
        var b = MlpReferenceTrainer.Train(train, test, [16, 16], options);
        Assert.True(a.BestTestAccuracy > 0.9, $"accuracy {a.BestTestAccuracy}");
        Assert.Equal(a.TestAccuracyPerEpoch, b.TestAccuracyPerEpoch);
        Assert.Equal(a.Weights, b.Weights);
        var pruned = MlpReferenceTrainer.Train(train, test, [16, 16], options with { Keep = 0.1, PruneEvery = 2 });
        Assert.Equal(5, pruned.TestAccuracyPerEpoch.Count);
        Assert.NotEqual(a.Weights, pruned.Weights);
        Assert.Throws<ArgumentException>(() => MlpReferenceTrainer.Train(train, test, [16, 16], options with { Keep = 0 }));
    }
}
