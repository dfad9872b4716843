using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;
using HEPrune.Core.Costs;

namespace HEPrune.Core.Tests.He.Ckks;

public class CalibrationTests
{
    [Fact]
    public void TimerRejectsUnknownKindsAndImpossibleLevels()
    {
        var timer = new CkksOperationTimer(Presets.InsecureTestN10, 2);
        Assert.Throws<ArgumentException>(() => timer.TimeOnce("Mult", 0));
        Assert.Throws<ArgumentException>(() => timer.TimeOnce("Add", 6));
        Assert.Throws<ArgumentException>(() => timer.TimeOnce("Boot", 3));
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, timer.Levels("Drop"));
        Assert.True(timer.TimeOnce("Refresh", 0) > 0);
        Assert.DoesNotContain(CostKinds.Bootstrap, timer.Kinds);
        Assert.Contains("bootstrapping preset", Assert.Throws<ArgumentException>(() => timer.TimeOnce(CostKinds.Bootstrap, 1)).Message);
    }

    [Fact]
    public void BootstrappingPresetTimerMeasuresOneBootstrapAtLevelOneAndCircuitLevelsOnly()
    {
        var timer = new CkksOperationTimer(BootstrappingPresets.N16Shape(10), 2);
        Assert.True(timer.Bootstraps);
        Assert.Equal(12, timer.MaxLevel); // the bootstrap's output level, not the chain's top (27)
        Assert.Equal(CostKinds.WithBootstrap, timer.Kinds);
        Assert.Equal(new[] { 1 }, timer.Levels(CostKinds.Bootstrap));
        Assert.Equal(13, timer.Levels("Add").Count);
        Assert.Throws<ArgumentException>(() => timer.TimeOnce(CostKinds.Bootstrap, 0));
        Assert.Throws<ArgumentException>(() => timer.TimeOnce("Add", 13));
        Assert.True(timer.TimeOnce(CostKinds.Bootstrap, 1) > 0); // runs one real bootstrap refresh
    }
}
