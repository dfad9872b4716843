using HEPrune.Core.Features;
using HEPrune.Features.Torch.Reference;

namespace HEPrune.Features.Tests;

/// <summary>Reference trainer: learns a separable problem, is deterministic per seed, prunes as HEPrune's scripts do.</summary>
public class ReferenceTrainerTests
{
    /// <summary>Gaussian blobs around well-separated class centres (Box–Muller from a seeded Random).</summary>
    private static LabeledFeatures Blobs(int n, int dim, int classes, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n * dim];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % classes;
            for (int j = 0; j < dim; j++)
            {
                double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                x[i * dim + j] = (float)((j % classes == y[i] ? 2.0 : 0.0) + 0.7 * g);
            }
        }
        return new LabeledFeatures(x, y, dim, classes);
    }

    [Fact]
    public void LearnsSeparableDataAndIsDeterministic()
    {
        var train = Blobs(1200, 12, 4, 1);
        var test = Blobs(400, 12, 4, 2);
        var recipe = ReferenceRecipe.HEPrune("cifar10") with { Epochs = 4, Seed = 5 };
        var a = ReferenceTrainer.Train(train, test, recipe);
        var b = ReferenceTrainer.Train(train, test, recipe);
        Assert.True(a.BestTestAccuracy > 0.95, $"accuracy {a.BestTestAccuracy}");
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Epochs.Select(e => e.TrainLoss), b.Epochs.Select(e => e.TrainLoss));
        var c = ReferenceTrainer.Train(train, test, recipe with { Seed = 6 });
        Assert.NotEqual(a.Weights, c.Weights);
    }

    [Fact]
    public void PrunedRunUsesKeptFractionAndReselectsEveryDeltaTau()
    {
        var train = Blobs(1000, 8, 4, 3);
        var test = Blobs(200, 8, 4, 4);
        var recipe = ReferenceRecipe.HEPrune("mnist", keep: 0.1) with { Epochs = 7, PruneEvery = 3, Score = ErrorScore.L2 };
        var r = ReferenceTrainer.Train(train, test, recipe);
        Assert.All(r.Epochs, e => Assert.Equal(100, e.Kept));
        Assert.Equal(new[] { 0, 3, 6 }, r.Epochs.Where(e => e.Reselected).Select(e => e.Epoch).ToArray());
        Assert.True(r.BestTestAccuracy > 0.8, $"accuracy {r.BestTestAccuracy}");
    }

    [Fact]
    public void SelectionSkipsWindowThenKeepsHighestScores()
    {
        float[] scores = { 0.1f, 0.9f, 0.5f, 0.95f, 0.3f, 0.7f, 0.2f, 0.8f, 0.4f, 0.6f };
        // Sorted: 3(.95) 1(.9) 7(.8) 5(.7) 9(.6) 2(.5) ... ; window 0.1 skips index 3; keep 0.3 keeps 1, 7, 5.
        Assert.Equal(new[] { 1, 5, 7 }, PruneSelection.TopWithWindow(scores, 0.3, 0.1));
        Assert.Equal(new[] { 1, 3, 7 }, PruneSelection.TopWithWindow(scores, 0.3, 0.0));
    }

    [Fact]
    public void ScoresAreExactL1AndL2Errors()
    {
        float[] probs = { 0.7f, 0.2f, 0.1f, 0.1f, 0.1f, 0.8f };
        int[] labels = { 0, 1 };
        var l1 = PruneSelection.Scores(probs, labels, 3, ErrorScore.L1);
        var l2 = PruneSelection.Scores(probs, labels, 3, ErrorScore.L2);
        Assert.Equal(0.3 + 0.2 + 0.1, l1[0], 5);
        Assert.Equal(0.1 + 0.9 + 0.8, l1[1], 5);
        Assert.Equal(Math.Sqrt(0.09 + 0.04 + 0.01), l2[0], 5);
        Assert.Equal(Math.Sqrt(0.01 + 0.81 + 0.64), l2[1], 5);
    }
}
