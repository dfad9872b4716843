using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Tests.He.Ckks;
using HEPrune.Core.Training.Mlp;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Training.Mlp;

/// <summary>One MLP training step on real CKKS (N = 2^11, insecure test preset) vs the emulation vs float64.</summary>
public class CkksMlpStepTests(ITestOutputHelper output)
{
    private sealed record StepResult(double[] P, double[][,] Gradients, double[][,] W, OpCounter Server, int Refreshes);

    private static StepResult Run(HeBackend backend, MlpShape shape, int batch)
    {
        backend.Evaluator.Refresher = new CodecRoundTripRefresher(backend.Client, backend.Codec);
        var f = new MlpFixture(backend, shape, batch, batch, 4);
        var state = f.Circuit.Forward(f.Encrypted[0], f.Model);
        var p = backend.Client.Decrypt(state.P).Real;
        var g = f.Decrypt(f.Circuit.ScaledGradients(state, f.Encrypted[0], f.Model, 0.1));
        f.Circuit.Step(f.Model, f.Encrypted[0], 0.1);
        return new StepResult(p, g, f.Decrypt(f.Model.Layers), backend.Evaluator.Counter, f.Policy.Count);
    }

    [Fact]
    [Trait("Category", "Slow")] // two forward passes and backward passes with ~20 client-aided refreshes at N = 2^11
    public void OneStepAgreesAcrossCkksEmulationAndFloat64()
    {
        var p = CkksTestSupport.Deep11;
        var shape = new MlpShape(20, [8, 8], 3);
        const int batch = 16;
        var keys = MlpKeys.KeySet(shape, p.Slots, batch);
        var emu = Run(EmulatedBackend.Create(CkksBackend.ShapeOf(p), keys), shape, batch);
        var ckks = Run(CkksBackend.Create(p, keys), shape, batch);
        var reference = new MlpFixture(EmulatedBackend.Create(CkksBackend.ShapeOf(p), keys), shape, batch, batch, 4);
        var plain = reference.Plain();
        var gPlain = plain.ScaledGradients(reference.Data, reference.Batches[0], 0.1);

        CkksTestSupport.SameCounts(emu.Server, ckks.Server);
        Assert.Equal(emu.Refreshes, ckks.Refreshes);
        double pErr = 0;
        for (int i = 0; i < emu.P.Length; i++) pErr = Math.Max(pErr, Math.Abs(emu.P[i] - ckks.P[i]));
        for (int l = 0; l < shape.Layers; l++)
        {
            double gCkks = MlpFixture.MaxDiff(ckks.Gradients[l], emu.Gradients[l]);
            double gEmu = MlpFixture.MaxDiff(emu.Gradients[l], gPlain[l]);
            double wCkks = MlpFixture.MaxDiff(ckks.W[l], emu.W[l]);
            double gMax = MlpFixture.MaxAbs(gPlain[l]);
            output.WriteLine($"layer {l}: |update| {gMax:E2}; CKKS−emulated {gCkks:E2} (W {wCkks:E2}); emulated−float64 {gEmu:E2}");
            // The emulation is the float64 circuit; CKKS adds encryption/rescale noise (≈2^−28 ≈ 4e-9 relative at
            // Δ = 2^40, amplified ≈ 360× by the softmax's comparisons and inverse, so ≈ 1e-6 on P; the updates carry
            // lr/B = 1/160 of it). Measured: P 1.6e-6, updates ≤ 6e-8; the bounds leave ≈ 15× margin.
            Assert.True(gEmu < 1e-12, $"layer {l}: emulated vs float64 {gEmu:E3}");
            Assert.True(gCkks < 1e-6, $"layer {l}: CKKS vs emulated {gCkks:E3}");
            Assert.True(gMax > 1e-3, $"layer {l}: update {gMax:E3} too small for the bound to mean anything");
            Assert.True(wCkks < 1e-6, $"layer {l}: weights CKKS vs emulated {wCkks:E3}");
        }
        output.WriteLine($"P CKKS−emulated {pErr:E2}; refreshes {ckks.Refreshes}; counts {ckks.Server}");
        Assert.True(pErr < 2e-5, $"P {pErr:E3}");
    }
}
