using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Packing;
using HEPrune.Core.Training;

namespace HEPrune.Core.Tests.Training;

public class HetalKeysTests
{
    [Theory]
    [InlineData(4096, 64, 20, 10)]
    [InlineData(4096, 128, 20, 3)]
    [InlineData(4096, 256, 40, 16)] // s1 = 16 = c_pad: single-period rows
    public void TrainingRunsWithExactlyTheListedKeys(int slots, int batch, int dim, int classes)
    {
        var (train, val, test) = SyntheticData.Make(dim, classes, batch * 2, batch, batch, 1.0, seed: 1);
        var layout = new BlockLayout(slots, batch, dim + 1, classes);
        var backend = EmulatedBackend.Create(HeParameters.Create(slots, 12), HetalKeys.KeySet(layout));
        var options = new HetalOptions { Batch = batch, Epochs = 2, LearningRate = 0.5, EarlyStopping = false };
        var result = HetalTrainer.Train(backend, train, val, test, options);
        Assert.Equal(2, result.EpochsRun);

        var restricted = EmulatedBackend.Create(HeParameters.Create(slots, 12),
            new EvaluationKeySet(slots).AddRange(HetalKeys.Rotations(layout).Where(s => s != layout.S1)));
        Assert.Throws<MissingKeyException>(() => HetalTrainer.Train(restricted, train, val, test, options));
    }
}
