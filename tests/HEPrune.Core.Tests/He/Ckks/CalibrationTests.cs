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
    }
}
