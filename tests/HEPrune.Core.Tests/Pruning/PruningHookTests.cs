using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Pruning.Methods;
using HEPrune.Core.Training;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Pruning;

public class PruningHookTests(ITestOutputHelper output)
{
    /// <summary>Gaussian clusters around class centres fixed by a common seed; <paramref name="seed"/> draws the samples.</summary>
    private static LabeledFeatures Clusters(int n, int dim, int classes, int seed)
    {
        var centerRng = new Random(12345);
        var centers = Enumerable.Range(0, classes)
            .Select(_ => Enumerable.Range(0, dim).Select(_ => Math.Sqrt(-2 * Math.Log(1 - centerRng.NextDouble())) * Math.Cos(2 * Math.PI * centerRng.NextDouble())).ToArray())
            .ToArray();
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var rows = new List<float[]>();
        var labels = new List<int>();
        for (int i = 0; i < n; i++)
        {
            int y = rng.Next(classes);
            rows.Add(Enumerable.Range(0, dim).Select(j => (float)(0.5 * centers[y][j] + 0.5 * Normal())).ToArray());
            labels.Add(y);
        }
        return new LabeledFeatures(rows, labels, classes);
    }

    [Theory]
    [InlineData("heprune", 2)]
    [InlineData("hefs", 7)]
    [InlineData("prune_baseline", 7)]
    [InlineData("random", 2)]
    public void TrainerWithPruningHookTrainsOnTheSelectedCiphertexts(string name, int groupsAfterPruning)
    {
        // 200 samples, batch 32 → 7 batches of (1 feature block + 1 label block); keep 0.3 → 60 samples → 2 groups with CWP.
        var backend = EmulatedBackend.Create(HeParameters.Create(1024, 12), bootstrapMinLevel: 0);
        var train = Clusters(200, 15, 3, 1);
        var val = Clusters(64, 15, 3, 2);
        var options = new HetalOptions
        {
            LearningRate = 0.5, Batch = 32, Epochs = 4, Optimizer = OptimizerKind.Vanilla, EarlyStopping = false,
            Refresh = RefreshMode.Bootstrap, Shuffle = false,
        };
        var method = new PruningMethod(PruningMethodSpec.Parse(name), new PruningSchedule(0.3, 2, Seed: 3));
        var hook = new PruningHook(method, backend.Codec, new CamClient(backend.Client, backend.Codec));
        var result = HetalTrainer.Train(backend, train, val, val, options, hook);

        Assert.Equal(4, result.EpochsRun);
        Assert.Equal([2 * groupsAfterPruning, 2 * groupsAfterPruning, 2 * groupsAfterPruning, 2 * groupsAfterPruning], result.CiphertextsPerEpoch);
        Assert.Equal(2, method.Records.Count);
        Assert.All(method.Records, r => Assert.Equal(60, r.KeptSamples));
        Assert.Equal(name == "random" ? "random" : "scores", method.Records[1].Selection);
        if (name == "prune_baseline")
        {
            // Encrypted sort and encrypted masks: no client exchange, the selection itself is homomorphic.
            Assert.False(result.MessagesByType.ContainsKey(CamExchange.ScoresMessage));
            Assert.True(method.Records[1].Ops["selection"]["Mult"] > 0);
            Assert.True(method.Records[1].Ops["repacking"]["Mult"] >= 2 * 7); // every ciphertext times its group's mask
        }
        else if (name != "random")
        {
            Assert.Equal(1, result.MessagesByType[CamExchange.ScoresMessage]);
            Assert.Equal(4 + 25, result.BytesByMessage[CamExchange.MaskMessage]);
            Assert.True(method.Records[1].Ops["scoring"]["Mult"] >= 7 * 16);
            Assert.True(method.Records[1].Ops["forward"]["Mult"] > 0);
        }
        // Per-component counts: every pruning component holds exactly what the pruning method's own meter counted
        // (including the training circuit's stages it runs for re-scoring), and no component holds more than the total.
        foreach (var component in method.Records.SelectMany(r => r.Ops.Keys).Distinct())
        {
            var metered = method.Records.Where(r => r.Ops.ContainsKey(component)).SelectMany(r => r.Ops[component])
                .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
            var scoped = result.OperationsByComponent.TryGetValue("prune." + component, out var byKind)
                ? byKind.ToDictionary(kv => kv.Key, kv => kv.Value.Values.Sum()) : new Dictionary<string, long>();
            Assert.Equal(metered.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key), scoped.OrderBy(kv => kv.Key));
        }
        // Training stages exclude the re-scoring forward passes (they are prune.forward): stage counts = component counts.
        foreach (var (stage, totals) in result.OperationsByStage)
        {
            var scoped = result.OperationsByComponent.TryGetValue(stage, out var k)
                ? k.ToDictionary(kv => kv.Key, kv => kv.Value.Values.Sum()) : new Dictionary<string, long>();
            Assert.Equal(totals.OrderBy(kv => kv.Key), scoped.OrderBy(kv => kv.Key));
        }
        foreach (var (kind, total) in result.Operations)
            Assert.True(result.OperationsByComponent.Values.Sum(k => k.TryGetValue(kind, out var l) ? l.Values.Sum() : 0) <= total, kind);
        foreach (double w in result.FinalWeights) Assert.True(double.IsFinite(w));
        Assert.True(result.BestAccuracy > 0.6, $"best accuracy {result.BestAccuracy} (3 classes, chance 0.33)");
        output.WriteLine($"{name}: cts/epoch {string.Join(",", result.CiphertextsPerEpoch)}, accuracy {string.Join(",", result.TestAccuracyPerEpoch.Select(a => a.ToString("F3")))}");
        output.WriteLine(string.Join("; ", method.Records[1].Seconds.Select(kv => $"{kv.Key} {kv.Value:F3}s")));
    }

    [Fact]
    public void HetalMethodKeepsTheFullDataSet()
    {
        var backend = EmulatedBackend.Create(HeParameters.Create(1024, 12), bootstrapMinLevel: 0);
        var train = Clusters(200, 15, 3, 1);
        var val = Clusters(64, 15, 3, 2);
        var options = new HetalOptions
        {
            LearningRate = 0.5, Batch = 32, Epochs = 4, Optimizer = OptimizerKind.Vanilla, EarlyStopping = false,
            Refresh = RefreshMode.Bootstrap, Shuffle = false,
        };
        var method = new PruningMethod(PruningMethodSpec.Hetal, new PruningSchedule(1.0, 2));
        var result = HetalTrainer.Train(backend, train, val, val, options, new PruningHook(method, backend.Codec));
        Assert.Equal([14L, 14L, 14L, 14L], result.CiphertextsPerEpoch);
        Assert.Single(method.Records);
        // Without pruning rounds no stage is nested in another: each circuit stage's component counts equal the
        // stage profiler's own (snapshot-difference) counts.
        Assert.NotEmpty(result.OperationsByStage);
        foreach (var (stage, totals) in result.OperationsByStage)
        {
            var scoped = result.OperationsByComponent.TryGetValue(stage, out var byKind)
                ? byKind.ToDictionary(kv => kv.Key, kv => kv.Value.Values.Sum()) : new Dictionary<string, long>(); // a stage without operations has no component
            Assert.Equal(totals.OrderBy(kv => kv.Key), scoped.OrderBy(kv => kv.Key));
        }
        Assert.True(result.OperationsByComponent.ContainsKey("forward") && result.OperationsByComponent.ContainsKey("backward"));
        Assert.True(result.BestAccuracy > 0.9);
        output.WriteLine($"hetal: accuracy {string.Join(",", result.TestAccuracyPerEpoch.Select(a => a.ToString("F3")))}");
    }
}
