using System.Diagnostics;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Training.Mlp;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Training.Mlp;

/// <summary>The paper's network (784-128-128-10, B = 128) at the paper's slot count (2^15, 12 levels), emulated.</summary>
public class PaperShapeStepTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")] // two emulated steps at 2^15 slots
    public void PaperShapeStepMatchesFloat64AndHasStableCountsAndRefreshes()
    {
        var backend = EmulatedBackend.Create(HeParameters.PaperN16, keys: null, bootstrapMinLevel: 0);
        var f = new MlpFixture(backend, MlpShape.Paper, 128, 384, 3);
        var keys = MlpKeys.Rotations(f.Circuit);
        var plain = f.Plain();
        var counts = new List<Dictionary<string, long>>();
        for (int s = 0; s < 3; s++)
        {
            var before = backend.Evaluator.Counter.Snapshot();
            int refreshesBefore = f.Policy.Count;
            var sw = Stopwatch.StartNew();
            f.Circuit.Step(f.Model, f.Encrypted[s], 0.1);
            double seconds = sw.Elapsed.TotalSeconds;
            plain.Step(f.Data, f.Batches[s], 0.1);
            var ops = backend.Evaluator.Counter.Since(before).Totals();
            counts.Add(ops);
            output.WriteLine($"step {s}: {seconds:F2} s (load {File.ReadAllText("/proc/loadavg").Trim()}), refreshes {f.Policy.Count - refreshesBefore}, ops {string.Join(", ", ops.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}");
        }
        var w = f.Decrypt(f.Model.Layers);
        for (int l = 0; l < 3; l++) Assert.True(MlpFixture.MaxDiff(w[l], plain.Weights[l]) < 1e-11);
        // From the second step on the weights arrive at their steady levels, so the circuit (and its counts) repeats exactly.
        Assert.Equal(counts[1].OrderBy(kv => kv.Key), counts[2].OrderBy(kv => kv.Key));
        output.WriteLine($"rotation keys: {keys.Count}; refresh points: {string.Join(", ", f.Policy.Points.Select(kv => $"{kv.Key} {kv.Value}"))}");
    }
}
