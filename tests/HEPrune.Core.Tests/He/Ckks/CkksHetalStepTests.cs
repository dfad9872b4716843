using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Packing;
using HEPrune.Core.Protocol;
using HEPrune.Core.Training;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.He.Ckks;

/// <summary>One HETAL training step (spec-validation §2.1 at 1024 slots) on real CKKS and on the emulation.</summary>
public class CkksHetalStepTests(ITestOutputHelper output)
{
    private sealed record StepResult(double[] Logits, double[] P, double[,] Gradient, double[,] W, OpCounter Server, OpCounter Client,
        long Bytes, int Refreshes);

    private static StepResult Run(HeBackend backend, BlockLayout layout, List<float[]> rows, List<int> labels, double[,] w0)
    {
        var channel = new Channel(backend.Codec);
        var client = new Client(backend.Client, channel);
        backend.Evaluator.Refresher = new ClientAidedRefresher(channel, client);
        var policy = new RefreshPolicy(backend.Evaluator);
        var circuit = new HetalCircuit(backend.Evaluator, layout, policy, new StageProfiler(backend.Evaluator));
        var batch = client.EncryptBatches(layout, rows, labels, [Enumerable.Range(0, rows.Count).ToArray()])[0];
        var model = new EncryptedModel(client.EncryptModel(layout, w0), OptimizerKind.Vanilla);
        var logits = backend.Client.Decrypt(circuit.Logits(batch.Features, model.W)).Real;
        var p = circuit.Probabilities(batch, model.W);
        var pd = backend.Client.Decrypt(p).Real;
        var g = client.DecryptModel(layout, circuit.ScaledGradient(p, batch, 0.5));
        circuit.Step(model, batch, 0.5);
        return new StepResult(logits, pd, g, client.DecryptModel(layout, model.W), backend.Evaluator.Counter, backend.Client.Counter,
            channel.TotalBytes, policy.Count);
    }

    [Fact]
    [Trait("Category", "Slow")] // two softmax passes with 20 client-aided refreshes and ~60 Galois keys at N = 2^11
    public void OneTrainingStepAgreesWithTheEmulatedBackend()
    {
        // B = 32, d = 48 + bias, c = 10 → 16 (spec-validation §2.2 "small n = 1024" row), X ~ N(0,1), W ~ N(0, 4²/d).
        var p = CkksTestSupport.Deep11;
        var rng = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var rows = Enumerable.Range(0, 32).Select(_ => Enumerable.Range(0, 48).Select(_ => (float)Normal()).ToArray()).ToList();
        var labels = Enumerable.Range(0, 32).Select(_ => rng.Next(10)).ToList();
        var w0 = new double[10, 49];
        for (int i = 0; i < 10; i++) for (int j = 0; j < 49; j++) w0[i, j] = Normal() * 4 / 7;
        var layout = new BlockLayout(p.Slots, 32, 49, 10);
        var keys = HetalKeys.KeySet(layout);
        var emu = Run(EmulatedBackend.Create(CkksBackend.ShapeOf(p), keys), layout, rows, labels, w0);
        var ckks = Run(CkksBackend.Create(p, keys), layout, rows, labels, w0);

        CkksTestSupport.SameCounts(emu.Server, ckks.Server);
        CkksTestSupport.SameCounts(emu.Client, ckks.Client);
        Assert.Equal(emu.Bytes, ckks.Bytes); // the shape's wire model is the library's exact size
        Assert.Equal(emu.Refreshes, ckks.Refreshes);
        double zErr = 0, pErr = 0, gErr = 0, wErr = 0, gMax = 0;
        for (int r = 0; r < 32; r++)
            for (int j = 0; j < 10; j++)
            {
                zErr = Math.Max(zErr, Math.Abs(emu.Logits[layout.Index(r, j)] - ckks.Logits[layout.Index(r, j)]));
                pErr = Math.Max(pErr, Math.Abs(emu.P[layout.Index(r, j)] - ckks.P[layout.Index(r, j)]));
            }
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 49; j++)
            {
                gErr = Math.Max(gErr, Math.Abs(emu.Gradient[i, j] - ckks.Gradient[i, j]));
                wErr = Math.Max(wErr, Math.Abs(emu.W[i, j] - ckks.W[i, j]));
                gMax = Math.Max(gMax, Math.Abs(emu.Gradient[i, j]));
            }
        output.WriteLine($"counts {ckks.Server}; client {ckks.Client}; bytes {ckks.Bytes}; refreshes {ckks.Refreshes}");
        output.WriteLine($"|Δ| logits {zErr:E2}, P {pErr:E2}, gradient {gErr:E2} (gradient magnitude {gMax:E2}), W {wErr:E2}");
        // Logits: sums of 49 products of magnitude ≈ 4 through depth 3: 1e-5. P, gradient, W: the softmax amplifies
        // noise ≈ 360× (spec-validation §2.2); 1e-3 on P is 10× below the approximation error (≈ 1e-2), and the
        // gradient is P·X·lr/B (|X| ≲ 4, 32 samples, lr/B = 1/64), so 1e-3 bounds it too.
        Assert.True(zErr <= 1e-5, $"logits {zErr:E3}");
        Assert.True(pErr <= 1e-3, $"P {pErr:E3}");
        Assert.True(gErr <= 1e-3, $"gradient {gErr:E3}");
        Assert.True(wErr <= 1e-3, $"W {wErr:E3}");
    }
}
