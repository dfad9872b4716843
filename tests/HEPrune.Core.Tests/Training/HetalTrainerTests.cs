using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Protocol;
using HEPrune.Core.Training;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Training;

public class HetalTrainerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(OptimizerKind.Nesterov)]
    [InlineData(OptimizerKind.Vanilla)]
    public void EmulatedTrainingReachesExactSoftmaxRegressionAccuracy(OptimizerKind optimizer)
    {
        var (train, val, test) = SyntheticData.Make(dim: 32, classes: 10, nTrain: 1024, nVal: 256, nTest: 1024, sigma: 2.2, seed: 7);
        var options = new HetalOptions { LearningRate = 0.5, Batch = 128, Epochs = 4, Optimizer = optimizer, Seed = 1 };
        var backend = EmulatedBackend.Create(HeParameters.Create(8192, 12));
        var he = HetalTrainer.Train(backend, train, val, test, options);
        var exact = PlainSoftmaxRegression.Train(train, val, test, options, approximateSoftmax: false);
        var approx = PlainSoftmaxRegression.Train(train, val, test, options, approximateSoftmax: true);
        output.WriteLine($"HE acc/epoch {string.Join(", ", he.TestAccuracyPerEpoch.Select(a => a.ToString("F4")))}, final {he.FinalAccuracy:F4}");
        output.WriteLine($"exact acc/epoch {string.Join(", ", exact.TestAccuracy.Select(a => a.ToString("F4")))}, final {exact.FinalAccuracy:F4}");
        output.WriteLine($"ops {string.Join(", ", he.Operations.Select(kv => $"{kv.Key}={kv.Value}"))}");
        output.WriteLine($"bytes {string.Join(", ", he.BytesByMessage.Select(kv => $"{kv.Key}={kv.Value}"))}");
        output.WriteLine($"seconds {string.Join(", ", he.Seconds.Select(kv => $"{kv.Key}={kv.Value:F2}"))}");
        Assert.InRange(exact.FinalAccuracy, 0.6, 0.97); // the task is neither trivial nor hopeless
        Assert.InRange(he.FinalAccuracy - exact.FinalAccuracy, -0.005, 0.005);
        Assert.Equal(approx.TestAccuracy, he.TestAccuracyPerEpoch); // same approximate softmax in float64: same model
        Assert.Equal(approx.FinalAccuracy, he.FinalAccuracy);

        // Protocol accounting.
        var p = backend.Evaluator.Parameters;
        Assert.Equal(8 * 2 * p.CiphertextBytes(12), he.BytesByMessage[MessageType.TrainData]);
        Assert.Equal(2 * p.CiphertextBytes(12), he.BytesByMessage[MessageType.ValidationData]);
        Assert.Equal(he.Operations["Refresh"], he.MessagesByType[MessageType.RefreshRequest]);
        Assert.Equal(he.Operations["Refresh"] * p.CiphertextBytes(0), he.BytesByMessage[MessageType.RefreshRequest]); // dropped to level 0
        Assert.Equal(he.EpochsRun * 2 * p.CiphertextBytes(0), he.BytesByMessage[MessageType.ValidationLogits]);
        Assert.Equal(p.CiphertextBytes(0), he.BytesByMessage[MessageType.FinalModel]);
        Assert.Equal(he.Operations["Refresh"] * p.CiphertextBytes(12), he.BytesByMessage[MessageType.RefreshResponse]);
        Assert.Equal(he.EpochsRun, (int)he.MessagesByType[MessageType.EarlyStopDecision]);
        Assert.Equal(Enumerable.Repeat(16L, he.EpochsRun), he.CiphertextsPerEpoch);
        Assert.Equal(8 * he.EpochsRun, he.Steps);
        Assert.Contains(he.Deviations, d => d.StartsWith("refresh: client-aided", StringComparison.Ordinal));
        Assert.True(he.Seconds["total"] > 0);
    }

    private sealed class HalvingHook : ITrainingHook
    {
        public List<double> ForwardErrors { get; } = new();

        public IReadOnlyList<EncryptedBatch> BeforeEpoch(HetalSession session, int epoch, IReadOnlyList<EncryptedBatch> batches)
        {
            if (epoch != 1) return batches;
            var probs = session.ForwardAll(batches);
            Assert.Equal(batches.Count, probs.Count);
            return batches.Take(batches.Count / 2).ToList();
        }
    }

    [Fact]
    public void HookCanReplaceTheBatchListAndRunTheForwardPass()
    {
        var (train, val, test) = SyntheticData.Make(dim: 16, classes: 3, nTrain: 512, nVal: 128, nTest: 256, sigma: 1.5, seed: 3);
        var options = new HetalOptions { LearningRate = 0.5, Batch = 128, Epochs = 3, EarlyStopping = false, Seed = 2 };
        var backend = EmulatedBackend.Create(HeParameters.Create(4096, 12), bootstrapMinLevel: 0);
        var hook = new HalvingHook();
        var he = HetalTrainer.Train(backend, train, val, test, options with { Refresh = RefreshMode.Bootstrap }, hook);
        Assert.Equal(new long[] { 8, 4, 4 }, he.CiphertextsPerEpoch);
        Assert.Equal(4 + 2 + 2, he.Steps);
        Assert.False(he.BytesByMessage.ContainsKey(MessageType.RefreshRequest));
        Assert.IsNotType<TimedRefresher>(backend.Evaluator.Refresher);
        var json = System.Text.Json.JsonSerializer.Serialize(he);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(3, doc.RootElement.GetProperty("FinalWeightRows").GetArrayLength());
        Assert.Equal(he.Operations["Mult"], doc.RootElement.GetProperty("Operations").GetProperty("Mult").GetInt64());
    }

    [Fact]
    public void ForwardAllMatchesPlaintextApproximateSoftmax()
    {
        var f = new StepFixture(4096, 64, 20, 5, seed: 11, optimizer: OptimizerKind.Nesterov);
        var session = (HetalSession)typeof(HetalSession).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)[0]
            .Invoke(new object[] { new Server(f.Backend.Evaluator, f.Channel), f.Client, f.Circuit, f.Model, f.Batches, new HetalOptions() });
        var p = session.ForwardAll(f.Encrypted);
        var z = new double[5];
        var expected = new double[5];
        for (int b = 0; b < f.Batches.Count; b++)
        {
            var slots = f.Backend.Client.Decrypt(p[b]).Real;
            for (int r = 0; r < f.Batches[b].Length; r++)
            {
                PlainSoftmaxRegression.Logits(f.W0, f.Data.Rows[f.Batches[b][r]], z);
                SoftmaxApproximation.ReferenceRow(z, expected);
                for (int j = 0; j < 5; j++) Assert.Equal(expected[j], slots[f.Layout.Index(r, j)], 1e-12);
            }
        }
    }

    [Fact]
    public void EarlyStoppingUsesPatience()
    {
        var es = new EarlyStopping(3);
        Assert.Equal((false, true), es.Observe(0, 1.0));
        Assert.Equal((false, true), es.Observe(1, 0.9));
        Assert.Equal((false, false), es.Observe(2, 0.95));
        Assert.Equal((false, false), es.Observe(3, 0.91));
        Assert.Equal((true, false), es.Observe(4, 0.92));
        Assert.Equal(1, es.BestEpoch);
    }

    [Fact]
    public void PresetsFollowTheSpec()
    {
        Assert.Equal((2.0, 1024, 7), (HetalOptions.ForDataset("mnist").LearningRate, HetalOptions.ForDataset("mnist").Batch, HetalOptions.ForDataset("mnist").Epochs));
        Assert.Equal((0.5, 512, 22), (HetalOptions.ForDataset("face_mask").LearningRate, HetalOptions.ForDataset("face_mask").Batch, HetalOptions.ForDataset("face_mask").Epochs));
        Assert.Equal((0.95, 128, 23), (HetalOptions.HEPruneVariant("dermamnist").LearningRate, HetalOptions.HEPruneVariant("dermamnist").Batch, HetalOptions.HEPruneVariant("dermamnist").Epochs));
        Assert.Throws<ArgumentException>(() => HetalOptions.ForDataset("imagenet"));
        Assert.Equal(0.0, NesterovSchedule.Gamma(1));
        Assert.InRange(NesterovSchedule.Gamma(2), -0.29, -0.28);
    }
}
