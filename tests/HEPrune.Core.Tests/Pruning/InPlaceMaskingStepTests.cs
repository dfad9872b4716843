using HEPrune.Core.He;
using HEPrune.Core.Protocol;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Methods;
using HEPrune.Core.Tests.Training;
using HEPrune.Core.Training;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Pruning;

public class InPlaceMaskingStepTests(ITestOutputHelper output)
{
    /// <summary>
    /// A batch whose pruned rows were zeroed in place trains on exactly its kept samples, with the gradient summed over
    /// the kept rows and divided by the original batch size B: a float64 step on the kept samples with lr·kept/B. Over an
    /// epoch that equals plaintext training on the kept subset with batch B (1/keep times as many steps of keep·B rows).
    /// </summary>
    [Theory]
    [InlineData(OptimizerKind.Vanilla)]
    [InlineData(OptimizerKind.Nesterov)]
    public void MaskedBatchStepEqualsFloat64StepOnTheKeptSamples(OptimizerKind optimizer)
    {
        var f = new StepFixture(8192, 64, 100, 10, seed: 7, optimizer: optimizer);
        var batch = f.Encrypted[0];
        var group = batch.Features.Append(batch.Labels).ToArray();
        var data = new EncryptedDataset([group], [batch.Count], SampleRowLayout.FromBlock(f.Layout), group.Length - 1);
        var rng = new Random(11);
        var mask = Enumerable.Range(0, data.Layout.RowsPerCiphertext).Select(r => r < batch.Count && rng.NextDouble() < 0.25).ToArray();
        int kept = mask.Count(m => m);
        var pruned = InPlaceMasking.ApplyPlain(f.Backend.Evaluator, data, [mask], kept);
        Assert.Equal(kept, pruned.SamplesPerGroup[0]);
        Assert.Equal(batch.Count, pruned.GradientDivisors![0]);

        var masked = new EncryptedBatch(pruned.Groups[0][..^1], pruned.Groups[0][^1], pruned.RowExtents[0]) { Live = pruned.GradientDivisors[0] };
        var keptIndices = f.Batches[0].Where((_, r) => mask[r]).ToArray();
        for (int step = 0; step < 2; step++)
        {
            f.Circuit.Step(f.Model, masked, 0.5);
            PlainSoftmaxRegression.Step(f.Plain, f.Data, keptIndices, 0.5 * kept / batch.Count, approximateSoftmax: true);
        }
        var w = f.Client.DecryptModel(f.Layout, f.Model.W);
        double err = 0, moved = 0;
        for (int i = 0; i < w.GetLength(0); i++)
            for (int j = 0; j < w.GetLength(1); j++)
            {
                err = Math.Max(err, Math.Abs(w[i, j] - f.Plain.W[i, j]));
                moved = Math.Max(moved, Math.Abs(f.Plain.W[i, j] - f.W0[i, j]));
            }
        output.WriteLine($"kept {kept}/{batch.Count}: max |W_he − W_ref| = {err:E2}, update {moved:E2}");
        Assert.InRange(kept, 8, 28);
        Assert.True(moved > 1e-2, $"the reference step barely moved ({moved})");
        Assert.True(err < 1e-12, $"max |W_he − W_ref| = {err}");
    }

    [Fact]
    public void BatchWithoutLiveSamplesIsRefused()
    {
        var f = new StepFixture(8192, 64, 100, 10, seed: 8);
        var empty = f.Encrypted[0] with { Live = 0 };
        var e = Assert.Throws<ArgumentException>(() => f.Circuit.Step(f.Model, empty, 0.5));
        Assert.Contains("live", e.Message);
    }
}
