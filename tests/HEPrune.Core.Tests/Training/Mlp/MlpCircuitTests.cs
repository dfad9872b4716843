using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Training.Mlp;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Training.Mlp;

/// <summary>The encrypted MLP step on the emulated backend against the float64 reference with the same approximations.</summary>
public class MlpCircuitTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024, 16, 20, 8, 3, 0)]  // s1 = 64, c_pad 8 / 4
    [InlineData(1024, 16, 40, 12, 10, 1)] // hidden not a power of two, 10 classes → 16; Bk = 1
    [InlineData(4096, 32, 150, 32, 10, 2)] // Bk = 2 at layer 0 (s1 = 128)
    public void EmulatedStepEqualsFloat64StepWithTheSameApproximations(int slots, int batch, int input, int hidden, int classes, int seed)
    {
        var backend = EmulatedBackend.Create(HeParameters.Create(slots, 12), bootstrapMinLevel: 0);
        var f = new MlpFixture(backend, new MlpShape(input, [hidden, hidden], classes), batch, 3 * batch - 5, seed);
        var plain = f.Plain();
        for (int s = 0; s < 3; s++)
        {
            var batchCts = f.Encrypted[s];
            var state = f.Circuit.Forward(batchCts, f.Model);
            var p = backend.Client.Decrypt(state.P).Real;
            double pErr = 0;
            for (int r = 0; r < f.Batches[s].Length; r++)
            {
                var pr = plain.Probabilities(f.Data.Rows[f.Batches[s][r]]);
                for (int j = 0; j < classes; j++) pErr = Math.Max(pErr, Math.Abs(p[f.Circuit.DataLayout.Index(r, j)] - pr[j]));
            }
            var gHe = f.Decrypt(f.Circuit.ScaledGradients(state, batchCts, f.Model, 0.1));
            var gPlain = plain.ScaledGradients(f.Data, f.Batches[s], 0.1);
            f.Circuit.Step(f.Model, batchCts, 0.1);
            plain.Step(f.Data, f.Batches[s], 0.1);
            var w = f.Decrypt(f.Model.Layers);
            for (int l = 0; l < 3; l++)
            {
                double gErr = MlpFixture.MaxDiff(gHe[l], gPlain[l]), wErr = MlpFixture.MaxDiff(w[l], plain.Weights[l]);
                output.WriteLine($"step {s} layer {l}: |G| {MlpFixture.MaxAbs(gPlain[l]):E2} G err {gErr:E2} W err {wErr:E2}; P err {pErr:E2}");
                Assert.True(MlpFixture.MaxAbs(gPlain[l]) > 1e-4, "the update is not trivially zero");
                Assert.True(gErr < 1e-11, $"layer {l} gradient differs by {gErr}");
                Assert.True(wErr < 1e-11, $"layer {l} weights differ by {wErr}");
            }
            Assert.True(pErr < 1e-11, $"P differs by {pErr}");
        }
        output.WriteLine("refresh points: " + string.Join(", ", f.Policy.Points.Select(kv => $"{kv.Key} {kv.Value}")));
    }

    [Fact]
    public void EmptyRowsInsideABatchContributeNothing()
    {
        // What CWP and in-place masking leave behind: rows inside the batch whose features (bias included) and label are 0.
        // Their activations are not 0 (bias, q(0)), so without the label row indicator they would add (P − 0) errors.
        var backend = EmulatedBackend.Create(HeParameters.Create(1024, 12), bootstrapMinLevel: 0);
        var f = new MlpFixture(backend, new MlpShape(20, [8, 8], 3), 16, 16, 9);
        int[] empty = [0, 3, 7, 8, 12];
        var kept = Enumerable.Range(0, 16).Where(r => !empty.Contains(r)).ToArray();
        var layout = f.Circuit.DataLayout;
        var x = HEPrune.Core.Packing.BlockEncoder.EncodeMatrix(layout, 16, 21, (r, c) => empty.Contains(r) ? 0 : c == 20 ? 1 : f.Data.Rows[r][c]);
        var y = new double[layout.Slots];
        foreach (int r in kept) y[layout.Index(r, f.Data.Labels[r])] = 1;
        var batch = new HEPrune.Core.Protocol.EncryptedBatch(x.Select(v => backend.Client.Encrypt(v, 12)).ToArray(), backend.Client.Encrypt(new SlotVector(y), 12), 16);

        var state = f.Circuit.Forward(batch, f.Model);
        var g = f.Decrypt(f.Circuit.ScaledGradients(state, batch, f.Model, 0.1, samples: kept.Length));
        var expected = f.Plain().ScaledGradients(f.Data, kept, 0.1);
        for (int l = 0; l < 3; l++)
        {
            double err = MlpFixture.MaxDiff(g[l], expected[l]);
            output.WriteLine($"layer {l}: |update| {MlpFixture.MaxAbs(expected[l]):E2}, error {err:E2}");
            Assert.True(err < 1e-11, $"layer {l}: {err}");
        }
    }
}
