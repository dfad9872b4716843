using HEPrune.Core.Data;
using RawPixels = HEPrune.Core.Features.RawPixels;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Training;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Training;

/// <summary>HETAL on real MNIST (raw pixels): the emulated encrypted training vs exact float64 softmax regression.</summary>
public class HetalMnistTests(ITestOutputHelper output)
{
    [Fact]
    public void EmulatedHetalOnRealMnistMatchesExactSoftmaxRegressionWithinHalfAPoint()
    {
        var data = DatasetLoader.Load(DatasetId.Mnist);
        var train = RawPixels.From(data.Train, 10, 1024);
        var val = RawPixels.From(data.Val, 10, 256);
        var test = RawPixels.From(data.Test, 10, 2000);
        // HEPrune's MNIST settings (batch 128, lr 0.5, Nesterov), 3 epochs, at the paper's slot count (2^15 slots, 12 levels).
        var options = new HetalOptions { LearningRate = 0.5, Batch = 128, Epochs = 3, Optimizer = OptimizerKind.Nesterov, Seed = 0, EarlyStopping = false };
        var backend = EmulatedBackend.Create(HeParameters.PaperN16, bootstrapMinLevel: 0);
        var he = HetalTrainer.Train(backend, train, val, test, options with { Refresh = RefreshMode.Bootstrap });
        var exact = PlainSoftmaxRegression.Train(train, val, test, options, approximateSoftmax: false);
        output.WriteLine($"HE acc/epoch {string.Join(", ", he.TestAccuracyPerEpoch.Select(a => a.ToString("F4")))}; exact {string.Join(", ", exact.TestAccuracy.Select(a => a.ToString("F4")))}");

        Assert.InRange(exact.FinalAccuracy, 0.80, 0.99); // softmax regression on 1,024 MNIST images: clearly learned, not saturated
        Assert.InRange(he.FinalAccuracy - exact.FinalAccuracy, -0.005, 0.005);
        for (int e = 0; e < options.Epochs; e++)
            Assert.InRange(he.TestAccuracyPerEpoch[e] - exact.TestAccuracy[e], -0.005, 0.005);
    }
}
