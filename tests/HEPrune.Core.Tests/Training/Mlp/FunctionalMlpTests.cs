using HEPrune.Core.Circuits;
using HEPrune.Core.Data;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Protocol;
using HEPrune.Core.Pruning.Methods;
using HEPrune.Core.Training;
using HEPrune.Core.Training.Mlp;
using Xunit.Abstractions;
using RawPixels = HEPrune.Core.Features.RawPixels;

namespace HEPrune.Core.Tests.Training.Mlp;

/// <summary>
/// The functional fast path (<c>emulated-functional</c>) against the emulated circuit: same values (to rounding), the
/// same operation counts by kind and level, the same stage counts, refresh points and pruning decisions.
/// </summary>
public class FunctionalMlpTests(ITestOutputHelper output)
{
    [Fact]
    public void HePruneTrainingEqualsTheCircuitEmulationInValuesAndCounts()
    {
        var train = MlpFixture.Clusters(20, 3, 160, 1);
        var val = MlpFixture.Clusters(20, 3, 48, 1, sampleSeed: 2);
        (MlpResult R, PruningMethod M) Run(bool functional)
        {
            var backend = EmulatedBackend.Create(HeParameters.Create(1024, 12), bootstrapMinLevel: 0);
            var method = new PruningMethod(PruningMethodSpec.HePrune, new PruningSchedule(0.3, 1, 0, 0));
            var pruning = new MlpPruning(method, backend.Codec, new CamClient(backend.Client, backend.Codec));
            var options = new MlpOptions { Hidden = [8, 8], Batch = 16, Epochs = 4, LearningRate = 0.1, Seed = 0, Functional = functional };
            return (MlpTrainer.Train(backend, train, val, val, options, pruning), method);
        }
        var (circuit, cm) = Run(false);
        var (fast, fm) = Run(true);

        Assert.Equal("emulated", circuit.Summary.Backend);
        Assert.Equal(MlpTrainer.FunctionalBackendName, fast.Summary.Backend);
        // Most steps and scoring passes must have taken the matrix-math path, or this test compares the circuit with itself.
        var note = Assert.Single(fast.Summary.Deviations, d => d.Contains("ran the emulated circuit", StringComparison.Ordinal));
        output.WriteLine(note);
        int circuitRuns = int.Parse(note.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(circuitRuns, 1, 6); // of 12 steps + 3 × 10 scoring passes

        Assert.Equal(circuit.Summary.Operations, fast.Summary.Operations);
        Assert.Equal(circuit.Summary.OperationsByLevel, fast.Summary.OperationsByLevel);
        Assert.Equal(circuit.Summary.OperationsByStage, fast.Summary.OperationsByStage);
        Assert.Equal(circuit.Summary.RefreshPoints, fast.Summary.RefreshPoints);
        Assert.Equal(circuit.Summary.BytesByMessage, fast.Summary.BytesByMessage);
        Assert.Equal(circuit.Summary.CiphertextsPerEpoch, fast.Summary.CiphertextsPerEpoch);
        Assert.Equal(circuit.Summary.Steps, fast.Summary.Steps);
        Assert.Equal(circuit.Summary.TestAccuracyPerEpoch, fast.Summary.TestAccuracyPerEpoch);
        for (int e = 0; e < 4; e++) Assert.Equal(circuit.Summary.ValidationLossPerEpoch[e], fast.Summary.ValidationLossPerEpoch[e], 1e-9);
        for (int l = 0; l < 3; l++)
        {
            double d = MlpFixture.MaxDiff(circuit.FinalWeights[l], fast.FinalWeights[l]);
            output.WriteLine($"layer {l}: max |W_circuit − W_functional| = {d:E2}");
            Assert.True(d < 1e-9, $"layer {l}: {d}");
        }
        Assert.Equal(cm.Records.Count, fm.Records.Count);
        for (int i = 0; i < cm.Records.Count; i++)
        {
            Assert.Equal(cm.Records[i].Selection, fm.Records[i].Selection);
            Assert.Equal(cm.Records[i].KeptSamples, fm.Records[i].KeptSamples);
            Assert.Equal(cm.Records[i].Ops, fm.Records[i].Ops); // HEFS, masking, CWP on the P the fast path built
        }
    }

    [Fact]
    [Trait("Category", "Slow")] // 6 circuit steps of the paper's network at 2^15 slots and 2–4 on the fast side (≈ 1 min)
    public void PaperShapeStepsOnRealMnistEqualTheCircuitIncludingEmptyRows()
    {
        var data = DatasetLoader.Load(DatasetId.Mnist);
        var train = PixelNormalization.Apply(RawPixels.From(data.Train, 10, 128 * 6));
        var shape = MlpShape.Paper;
        var a = Side(shape, train);
        var b = Side(shape, train);
        var fast = new FunctionalMlp(b.Circuit, b.Model);
        // Batches 3–5 have rows emptied inside (as CWP/masking leave them: features, bias and label 0, one level lower),
        // n = the rows still held. Data one level lower moves the weights' levels once more (circuit), then the fast path.
        var empty = new Dictionary<int, int[]> { [3] = [0, 50], [4] = [9], [5] = [3, 17, 64, 100, 127] };
        EncryptedBatch Batch(MlpFixture side, int s) => empty.TryGetValue(s, out var rows) ? WithEmptyRows(side, side.Encrypted[s], rows) : side.Encrypted[s];
        for (int s = 0; s < a.Encrypted.Count; s++)
        {
            int? n = empty.TryGetValue(s, out var rows) ? 128 - rows.Length : null;
            var before = a.Backend.Evaluator.Counter.Snapshot();
            a.Circuit.Step(a.Model, Batch(a, s), 0.1, n);
            var expected = a.Backend.Evaluator.Counter.Since(before);
            before = b.Backend.Evaluator.Counter.Snapshot();
            int runs = fast.FunctionalRuns;
            fast.Step(Batch(b, s), 0.1, n);
            Assert.Equal(expected.ByLevel(), b.Backend.Evaluator.Counter.Since(before).ByLevel());
            double d = 0;
            var w = fast.Weights();
            for (int l = 0; l < shape.Layers; l++) d = Math.Max(d, MlpFixture.MaxDiff(a.Client.DecryptModel(a.Circuit.Layouts[l], a.Model.Layers[l]), w[l]));
            output.WriteLine($"step {s}: {expected.Totals()["Rot"]} Rot, {(fast.FunctionalRuns > runs ? "matrix math" : "circuit")}, max weight difference {d:E2}");
            Assert.True(d < 1e-9, $"step {s}: {d}");
            if (s is 2 or 5) Assert.Equal(runs + 1, fast.FunctionalRuns);
        }
        // Scoring pass: P at the same level and scale, equal on the real class columns of every window but the last (scores read window 0).
        var before2 = a.Backend.Evaluator.Counter.Snapshot();
        var pa = a.Circuit.Forward(Batch(a, 5), a.Model).P;
        var expectedCounts = a.Backend.Evaluator.Counter.Since(before2);
        _ = fast.Probabilities(WithEmptyRows(b, b.Encrypted[0], [1])); // the first pass at this signature runs the circuit
        before2 = b.Backend.Evaluator.Counter.Snapshot();
        int runs2 = fast.FunctionalRuns;
        var pb = fast.Probabilities(Batch(b, 5));
        Assert.Equal(runs2 + 1, fast.FunctionalRuns);
        Assert.Equal(expectedCounts.ByLevel(), b.Backend.Evaluator.Counter.Since(before2).ByLevel());
        Assert.Equal(pa.Level, pb.Level);
        Assert.Equal(pa.Scale, pb.Scale);
        var va = a.Backend.Client.Decrypt(pa).Real;
        var vb = b.Backend.Client.Decrypt(pb).Real;
        var sl = a.Circuit.SoftmaxLayout;
        double dp = 0;
        for (int r = 0; r < sl.Rows; r++)
            for (int col = 0; col < sl.RowWidth; col++)
                if (col % sl.PaddedClasses < shape.Classes && col < sl.RowWidth - sl.PaddedClasses) // the circuit's last window is not a softmax
                    dp = Math.Max(dp, Math.Abs(va[sl.Index(r, col)] - vb[sl.Index(r, col)]));
        output.WriteLine($"scoring P: max difference {dp:E2}");
        Assert.True(dp < 1e-9, $"P differs by {dp}");
    }

    [Fact]
    public void ADivergingRunStopsWithANoteOnBothPaths()
    {
        // lr 200 drives the logits far beyond the approximate softmax's ±128 within a few steps; its polynomials
        // overflow and the weights become NaN. The run must stop there and say so, identically on both paths.
        var train = MlpFixture.Clusters(20, 3, 96, 3);
        HetalResult Run(bool functional)
        {
            var backend = EmulatedBackend.Create(HeParameters.Create(1024, 12), bootstrapMinLevel: 0);
            var options = new MlpOptions { Hidden = [8, 8], Batch = 16, Epochs = 20, LearningRate = 200, Seed = 1, Functional = functional };
            return MlpTrainer.Train(backend, train, train, train, options).Summary;
        }
        var circuit = Run(false);
        var fast = Run(true);
        output.WriteLine($"stopped after {circuit.EpochsRun} epochs; {circuit.Deviations.Single(d => d.StartsWith("max |logit|", StringComparison.Ordinal))}");
        Assert.InRange(circuit.EpochsRun, 1, 19);
        Assert.Equal(circuit.EpochsRun, fast.EpochsRun);
        Assert.Contains(circuit.Deviations, d => d.StartsWith($"diverged: training stopped after epoch {circuit.EpochsRun} of 20", StringComparison.Ordinal));
        Assert.False(double.IsFinite(circuit.ValidationLossPerEpoch[^1]));
        Assert.Equal(circuit.Operations, fast.Operations);
    }

    [Fact]
    public void EvaluationEqualsPlainMlp()
    {
        var shape = new MlpShape(20, [8, 8], 3);
        var data = MlpFixture.Clusters(20, 3, 600, 3);
        var w = PlainMlp.InitialWeights(shape, 9);
        var plain = new PlainMlp(shape, w, ReluApproximation.Default, approximateSoftmax: false);
        var evaluation = new MlpEvaluation(shape, ReluApproximation.Default);
        var (acc, loss, maxLogit) = evaluation.Evaluate(w, data);
        Assert.Equal(plain.Accuracy(data), acc);
        Assert.Equal(plain.Loss(data), loss, 1e-12);
        double expected = 0;
        var expectedZ = new double[2];
        for (int i = 0; i < data.Count; i++)
        {
            var pre = plain.PreActivations(data.Rows[i]);
            foreach (double z in pre[^1]) expected = Math.Max(expected, Math.Abs(z));
            for (int l = 0; l < 2; l++) foreach (double z in pre[l]) expectedZ[l] = Math.Max(expectedZ[l], Math.Abs(z));
        }
        Assert.Equal(expected, maxLogit, 1e-12);
        // The hidden layers' largest |pre-activation| (recorded per epoch: the ReLU approximation is valid on [−R, R]).
        Assert.Equal(2, evaluation.LastMaxPreActivation.Count);
        for (int l = 0; l < 2; l++) Assert.Equal(expectedZ[l], evaluation.LastMaxPreActivation[l], 1e-12);
        Assert.All(expectedZ, z => Assert.True(z > 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(785)]
    public void DotAndAxpyEqualTheSchoolbookSums(int n)
    {
        var rng = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double dot = 0;
        for (int i = 0; i < n; i++) dot += x[i] * y[i];
        Assert.Equal(dot, MlpBatchMath.Dot(x, y), 1e-13);
        var z = (double[])y.Clone();
        MlpBatchMath.Axpy(0.25, x, z);
        for (int i = 0; i < n; i++) Assert.Equal(y[i] + 0.25 * x[i], z[i], 15);
    }

    [Fact]
    public void RejectsNonEmulatedBackendsAndClientRefresh()
    {
        var data = MlpFixture.Clusters(20, 3, 32, 1);
        var backend = EmulatedBackend.Create(HeParameters.Create(1024, 12), bootstrapMinLevel: 0);
        var options = new MlpOptions { Hidden = [8, 8], Batch = 16, Epochs = 1, Functional = true, Refresh = RefreshMode.Client };
        var e = Assert.Throws<ArgumentException>(() => MlpTrainer.Train(backend, data, data, data, options));
        Assert.Contains("bootstrap-style refresh", e.Message);
    }

    /// <summary>One side of a circuit-vs-functional comparison at the paper's shape: its own backend, client, circuit, batches, model.</summary>
    private static MlpFixture Side(MlpShape shape, LabeledFeatures train) =>
        new(EmulatedBackend.Create(HeParameters.PaperN16, bootstrapMinLevel: 0), shape, 128, train, seed: 0);

    /// <summary>The batch with the given rows zeroed in every ciphertext (a plaintext row mask, one CMult each, as masking does).</summary>
    private static EncryptedBatch WithEmptyRows(MlpFixture side, EncryptedBatch batch, int[] rows)
    {
        var lay = side.Circuit.DataLayout;
        var mask = new SlotVector(lay.Mask((r, _) => Array.IndexOf(rows, r) >= 0 ? 0 : 1));
        var ev = new EmulatedEvaluator(HeParameters.PaperN16); // outside the counted evaluator
        return new EncryptedBatch(batch.Features.Select(f => ev.MultiplyPlain(f, mask)).ToList(), ev.MultiplyPlain(batch.Labels, mask), batch.Count);
    }
}
