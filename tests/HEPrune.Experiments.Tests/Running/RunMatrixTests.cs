using HEPrune.Experiments.Config;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Tests.Running;

public sealed class RunMatrixTests
{
    private static ExperimentConfig Parse(string yaml) => ConfigLoader.Parse(yaml, "t.yaml");

    [Fact]
    public void ExpandsTheCrossProductAndHetalOncePerDatasetSeedBackend()
    {
        var c = Parse("name: m\ndatasets: [mnist, cifar10]\nmethods: [hetal, heprune, hefs]\nkeep: [0.1, 0.2, 0.4]\nseeds: [0, 1]\nbackend: [emulated, plaintext]\n");
        var runs = RunMatrix.Expand(c);
        // hetal: 2 datasets × 2 seeds × 2 backends; pruning methods: 2 × 2 methods × 3 keeps × 2 × 2.
        Assert.Equal(2 * 2 * 2 + 2 * 2 * 3 * 2 * 2, runs.Count);
        Assert.All(runs.Where(r => r.Run.Method == "hetal"), r => Assert.Equal(1.0, r.Run.Keep));
        Assert.Equal(runs.Count, runs.Select(r => r.Id).Distinct().Count());
        Assert.All(runs, r => Assert.Matches("^[0-9a-f]{12}$", r.Id));
    }

    [Fact]
    public void DefaultsComeFromThePublishedTables()
    {
        var c = Parse("name: m\ndatasets: [dermamnist, cifar10]\nmethods: [hetal, heprune]\ntraining: { recipe: per_method }\n");
        var runs = RunMatrix.Expand(c).ToDictionary(r => (r.Run.Dataset, r.Run.Method), r => r.Run.Training);
        // §3.6: DermaMNIST lr 0.95, Δτ 5, 23 epochs, window 0.18, batch 128.
        Assert.Equal(new ResolvedTraining("per_method", "softmax", null, 128, 23, 0.95, "nesterov", 5, 0.18, false, 3), runs[("dermamnist", "heprune")]);
        // §1.5: HETAL CIFAR-10 lr 1.0, batch 2048, 9 epochs.
        var h = runs[("cifar10", "hetal")];
        Assert.Equal((1.0, 2048, 9), (h.Lr, h.Batch, h.Epochs));
        Assert.Equal(0.1, RunMatrix.Expand(c).First(r => r.Run.Method == "heprune").Run.Keep);
    }

    [Fact]
    public void ScratchRecipeIsTable3()
    {
        var c = Parse("name: m\ndatasets: [mnist]\nmethods: [heprune]\nfeatures: { extractor: raw_pixels }\ntraining: { recipe: scratch }\n");
        var t = Assert.Single(RunMatrix.Expand(c)).Run.Training;
        Assert.Equal(("mlp", 0.1, 10, 50, 128), (t.Model, t.Lr, t.PruneEvery, t.Epochs, t.Batch));
        Assert.Equal([128, 128], t.Hidden);
    }

    [Fact]
    public void OverridesApplyOnlyToMatchingRuns()
    {
        var c = Parse("""
            name: m
            datasets: [cifar10]
            methods: [heprune]
            keep: [0.01, 0.5]
            training: { epochs: 15, prune_every: 5 }
            overrides:
              - when: { keep: [0.01] }
                training: { lr: 1.5, window: 0.04 }
            """);
        var runs = RunMatrix.Expand(c).ToDictionary(r => r.Run.Keep, r => r.Run.Training);
        Assert.Equal((1.5, 0.04, 15), (runs[0.01].Lr, runs[0.01].Window, runs[0.01].Epochs));
        Assert.Equal((0.5, 0.0, 15), (runs[0.5].Lr, runs[0.5].Window, runs[0.5].Epochs));
    }

    [Fact]
    public void IdsAreStableAndChangeWithTheConfig()
    {
        const string yaml = "name: m\ndatasets: [mnist]\nmethods: [heprune]\nkeep: [0.1]\n";
        var a = RunMatrix.Expand(Parse(yaml)).Single();
        var b = RunMatrix.Expand(Parse(yaml.Replace("name: m", "name: other") + "\n# comment\n")).Single();
        Assert.Equal(a.Id, b.Id); // the name, comments and key order do not change what a run computes
        var c = RunMatrix.Expand(Parse(yaml + "training: { lr: 0.6 }\n")).Single();
        Assert.NotEqual(a.Id, c.Id);
        var d = RunMatrix.Expand(Parse(yaml + "training: { lr: 0.5 }\n")).Single();
        Assert.Equal(a.Id, d.Id); // writing the default explicitly resolves to the same run
    }

    [Fact]
    public void CanonicalFormHasSortedKeysAndIdIsItsHash()
    {
        var p = RunMatrix.Expand(Parse("name: m\ndatasets: [mnist]\nmethods: [heprune]\n")).Single();
        Assert.StartsWith("{\"backend\":\"emulated\",\"ckks\":{\"noise\":\"none\",\"preset\":\"paper-n16\",\"refresh\":\"client\"},\"data\":", p.Canonical);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(p.Canonical)));
        Assert.Equal(hash[..12], p.Id);
    }

    [Fact]
    public void MeasureAddsAReducedRunForTheFirstSeed()
    {
        var c = Parse("name: m\ndatasets: [mnist]\nmethods: [hetal, heprune]\nseeds: [0, 1]\nmeasure: { backend: ckks, samples: 256 }\n");
        var runs = RunMatrix.Expand(c);
        var measures = runs.Where(r => r.Run.Role == "measure" && r.Run.Backend == "ckks").ToList();
        Assert.Equal(2, measures.Count);
        Assert.All(measures, m => Assert.Equal((0, 256, 1), (m.Run.Seed, m.Run.Data.LimitTrain!.Value, m.Run.Training.Epochs)));
        // Each measured run has an emulated twin identical except for the backend.
        var twins = runs.Where(r => r.Run.Role == "measure" && r.Run.Backend == "emulated").ToList();
        Assert.Equal(measures.Select(m => PlannedRun.Of(m.Run with { Backend = "emulated" }).Id), twins.Select(t => t.Id));
        Assert.Equal(4 + 2 + 2, runs.Count);
    }

    [Theory]
    [InlineData("mnist/heprune*", 1)]
    [InlineData("*seed=0*", 2)]
    [InlineData("hetal", 1)]
    [InlineData("hetal,heprune", 2)]
    [InlineData("nothing", 0)]
    public void OnlyFilterSelectsByLabel(string pattern, int expected)
    {
        var runs = RunMatrix.Expand(Parse("name: m\ndatasets: [mnist]\nmethods: [hetal, heprune]\n"));
        var filter = RunFilter.Parse(pattern);
        Assert.Equal(expected, runs.Count(filter.Matches));
    }
}
