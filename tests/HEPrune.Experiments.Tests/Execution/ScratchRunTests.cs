using HEPrune.Experiments.Config;
using HEPrune.Experiments.Execution;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Tests.Execution;

/// <summary>model: mlp runs (Table 3): the config expands as intended and the executor trains the MLP end to end.</summary>
public sealed class ScratchRunTests
{
    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "HEPrune.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("HEPrune.sln not found above " + AppContext.BaseDirectory);
    }

    private static ResolvedRun Tiny(string method, double keep, string backend = "emulated", string optimizer = "sgd") =>
        RunMatrix.Resolve(ConfigLoader.Parse($$"""
            name: scratch-test
            datasets: [mnist]
            features: { extractor: raw_pixels }
            methods: [{{method}}]
            keep: [{{keep}}]
            backend: {{backend}}
            ckks: { preset: test-n12 }
            data: { limit_train: 96, limit_val: 32, limit_test: 200 }
            training: { recipe: scratch, model: mlp, hidden: [8, 8], batch: 16, epochs: 2, prune_every: 1, optimizer: {{optimizer}} }
            """, "scratch-test.yaml"), "mnist", method, keep, 0, backend, "main");

    private static Results.RunResult Execute(ResolvedRun run)
    {
        var request = new RunRequest("test", run, Path.GetTempPath(), null);
        return new HeRunExecutor().ExecuteAsync(request, new Progress<RunProgress>(), CancellationToken.None).GetAwaiter().GetResult();
    }

    [Fact]
    public void Table3ConfigExpandsToTheFullScaleMlpSweep()
    {
        var c = ConfigLoader.Load(Path.Combine(Root(), "experiments/paper/table3-scratch.yaml")).Config;
        var runs = RunMatrix.Expand(c);
        Assert.Equal(22, runs.Count); // (hetal + 10 kept fractions) × (emulated-functional, plaintext reference)
        Assert.Equal(11, runs.Count(r => r.Run.Backend == "emulated-functional"));
        Assert.All(runs.Where(r => r.Run.Role == "main"), r =>
        {
            var t = r.Run.Training;
            Assert.Equal(("mlp", "sgd", 0.1, 128), (t.Model, t.Optimizer, t.Lr, t.Batch));
            Assert.Equal([128, 128], t.Hidden!);
            Assert.Equal((50, 10, null), (t.Epochs, t.PruneEvery, r.Run.Data.LimitTrain));
            Assert.Equal(("raw_pixels", 0), (r.Run.Features.Extractor, r.Run.Seed));
            // The encrypted runs' ids depend on the approximations; the plaintext reference (exact ReLU and softmax) has none.
            if (r.Run.Backend == "plaintext")
            {
                Assert.Null(t.Approximations);
                Assert.DoesNotContain("approximations", r.Canonical);
            }
            else Assert.Equal("relu max∘fgg[-64,64]; softmax r=16 n=4 (R_max 128)", t.Approximations);
        });
    }

    [Fact]
    public void EmulatedHepruneMlpRunProducesARecordWithPrunedEpochsAndCounts()
    {
        var r = Execute(Tiny("heprune", 0.5));
        // 96 images, keep 0.5 → 48 → 3 groups of 16 per epoch, 1 + Bk = 1 + ⌈785/128⌉ = 8 ciphertexts each.
        Assert.Equal([24, 24], r.Epochs.Select(e => e.Ciphertexts));
        Assert.All(r.Epochs, e => Assert.Equal(48, e.KeptSamples));
        Assert.Contains(r.Operations, o => o.Kind == "Refresh" && o.Count > 0);
        // Operations are attributed to components (the report's "Time by component"): training stages and pruning.
        var components = r.Operations.Select(o => o.Component).Distinct().ToHashSet();
        Assert.Superset(new HashSet<string?> { "forward", "softmax", "backward", "update" }, components);
        Assert.Contains(components, c => c is not null && c.StartsWith("prune.", StringComparison.Ordinal));
        Assert.Equal(r.Operations.Where(o => o.Kind == "Mult").Sum(o => o.Count),
            r.Operations.Where(o => o.Kind == "Mult" && o.Component is not null).Sum(o => o.Count)); // every Mult belongs to a component
        Assert.Contains(r.Messages, m => m.Type == "prune-scores" && m.Direction == "server_to_client");
        Assert.Contains(r.Notes, n => n.StartsWith("model: MLP 784-8-8-10", StringComparison.Ordinal));
        Assert.Contains(r.Notes, n => n.StartsWith("limited run", StringComparison.Ordinal));
        Assert.Equal(2, r.Accuracy.PerEpoch.Count);
        Assert.InRange(r.Accuracy.Best.Value, 0, 100);
    }

    [Fact]
    public void FunctionalRunEqualsTheCircuitRunInCountsAndAccuracy()
    {
        var circuit = Execute(Tiny("heprune", 0.5));
        var fast = Execute(Tiny("heprune", 0.5, "emulated-functional"));
        Assert.Equal("emulated-functional", fast.Backend);
        Assert.Equal(circuit.Operations, fast.Operations); // kind × level, every count
        Assert.Equal(circuit.Messages, fast.Messages);
        Assert.Equal(circuit.Epochs, fast.Epochs);
        Assert.Equal(circuit.Accuracy.PerEpoch.Select(e => e.TestAccuracy!.Value), fast.Accuracy.PerEpoch.Select(e => e.TestAccuracy!.Value));
        Assert.Contains(fast.Notes, n => n.Contains("emulated-functional: values by float64 matrix math", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionalBackendRejectsSimulatedNoise()
    {
        var run = Tiny("hetal", 1, "emulated-functional");
        var ex = Assert.Throws<ArgumentException>(() => Execute(run with { Ckks = run.Ckks with { Noise = "simulated" } }));
        Assert.Contains("ckks.noise", ex.Message);
    }

    // The plaintext MLP reference runs on TorchSharp, whose native library this test project does not ship: the
    // trainer is tested in tests/HEPrune.Features.Tests (MlpReferenceTrainerTests), the run through `heprune run`.
    [Fact]
    public void PlaintextMlpReferenceRejectsOtherMethodsBeforeTraining()
    {
        var ex = Assert.Throws<ArgumentException>(() => Execute(Tiny("hefs", 0.5, "plaintext")));
        Assert.Contains("methods: 'hefs'", ex.Message);
    }

    [Fact]
    public void NesterovIsRejectedWithAClearMessage()
    {
        var ex = Assert.Throws<ArgumentException>(() => Execute(Tiny("hetal", 1, optimizer: "nesterov")));
        Assert.Contains("training.optimizer", ex.Message);
        Assert.Contains("sgd", ex.Message);
    }
}
