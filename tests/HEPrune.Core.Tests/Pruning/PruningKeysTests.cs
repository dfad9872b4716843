using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Methods;
using HEPrune.Core.Pruning.Scores;
using HEPrune.Core.Pruning.Selection;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Pruning;

public class PruningKeysTests
{
    [Theory]
    [InlineData("heprune")]
    [InlineData("prune_baseline")]
    [InlineData("client_aided")]
    [InlineData("random")]
    public void MethodsRunWithExactlyTheListedRotationKeys(string name)
    {
        var spec = PruningMethodSpec.Parse(name);
        var layout = new SampleRowLayout(32, 32);
        var keys = new EvaluationKeySet(1024, conjugation: false).AddRange(PruningKeys.Rotations(spec, layout, 1024, 10));
        var world = new PruningMethodTests.World(96, 7, keys: keys);
        var m = new PruningMethod(spec, new PruningSchedule(0.25, 1));
        for (int e = 0; e < 2; e++) m.OnEpoch(e, world.Context);
        Assert.Equal(2, m.Records.Count);
    }

    [Fact]
    public void MissingKeysAreReported()
    {
        var layout = new SampleRowLayout(32, 32);
        var keys = new EvaluationKeySet(1024, conjugation: false).AddRange(PruningKeys.Rotations(PruningMethodSpec.Hefs, layout, 1024, 10));
        var world = new PruningMethodTests.World(96, 7, keys: keys);
        var m = new PruningMethod(PruningMethodSpec.HePrune, new PruningSchedule(0.25, 1)); // CWP keys are missing
        Assert.Throws<MissingKeyException>(() => m.OnEpoch(0, world.Context));
    }
}
