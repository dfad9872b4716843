using HEPrune.Experiments.Costs;
using HEPrune.Experiments.Results;
using HEPrune.Experiments.Tests.Fixtures;

namespace HEPrune.Experiments.Tests.Costs;

public sealed class CostModelTests
{
    private static CostModel Model(params OperationCost[] costs) =>
        new(FixtureResults.Calibration() with { Costs = costs }, new CalibrationRef("c.json", "paper-n16", DateTimeOffset.UnixEpoch, "cpu", "x"));

    [Fact]
    public void ProjectionIsTheSumOfCountTimesCost()
    {
        var m = Model(new("mul", 5, 2.0, 0.1, 9), new("rotate", 3, 0.5, 0.05, 9));
        var p = m.Project([new OpCount("mul", 5, 7, "emulated", "forward"), new OpCount("rotate", 3, 4, "emulated", "backward"), new OpCount("mul", 5, 3, "emulated")]);
        Assert.Equal(7 * 2.0 + 4 * 0.5 + 3 * 2.0, p.TotalSeconds, 12);
        Assert.Equal(7 * 0.1 + 4 * 0.05 + 3 * 0.1, p.SpreadSeconds, 12);
        Assert.Equal(14.0, p.Components["forward"], 12);
        Assert.Equal(6.0, p.Components["unattributed"], 12);
        Assert.Equal(20.0, p.Kinds["mul"], 12);
        Assert.True(p.Complete);
        Assert.Empty(p.Substituted);
    }

    [Fact]
    public void MissingLevelsAreInterpolatedOrScaledAndListed()
    {
        var m = Model(new("mul", 2, 1.0, 0.1, 9), new("mul", 6, 3.0, 0.3, 9));
        Assert.Equal(2.0, m.CostOf("mul", 4)!.Value.Median, 12);               // halfway between 1 and 3
        Assert.Equal(3.0 * 13 / 7, m.CostOf("mul", 12)!.Value.Median, 12);     // (12+1)/(6+1) × cost at 6
        Assert.Equal(1.0 * 1 / 3, m.CostOf("mul", 0)!.Value.Median, 12);       // (0+1)/(2+1) × cost at 2
        var p = m.Project([new OpCount("mul", 4, 10, "emulated")]);
        Assert.Equal(20.0, p.TotalSeconds, 12);
        Assert.Equal(["mul@4 interpolated from @2,@6"], p.Substituted);
    }

    [Fact]
    public void UnmeasuredKindIsMissingNotGuessed()
    {
        var m = Model(new OperationCost("mul", 5, 2.0, 0.1, 9));
        var p = m.Project([new OpCount("mul", 5, 1, "emulated"), new OpCount("bootstrap", 3, 100, "emulated")]);
        Assert.Equal(2.0, p.TotalSeconds, 12);
        Assert.False(p.Complete);
        Assert.Equal(["bootstrap"], p.Missing);
    }

    [Fact]
    public void RefreshOfABootstrapRunIsPricedAsOneLevelIndependentBootstrap()
    {
        var m = Model(new OperationCost("Refresh", 12, 0.5, 0.01, 9), new("Bootstrap", 1, 70.0, 2.0, 3), new("Mult", 3, 1.0, 0.1, 9));
        OpCount[] ops = [new("Refresh", 1, 2, "ckks-measured"), new("Refresh", 4, 3, "ckks-measured"), new("Mult", 3, 10, "ckks-measured")];
        var boot = m.Project(ops, refreshIsBootstrap: true);
        Assert.Equal(5 * 70.0 + 10 * 1.0, boot.TotalSeconds, 12); // not scaled by level: every input is dropped to level 1 first
        Assert.Equal(350.0, boot.Kinds["Refresh"], 12);
        Assert.Contains("Refresh@4 priced as Bootstrap@1 (ckks.refresh: bootstrap; the refresher drops its input to level 1 first)", boot.Substituted);
        var client = m.Project(ops); // client round trip: the Refresh entry, scaled by level as before
        Assert.Equal(10.0 + 0.5 * 2 / 13 * 2 + 0.5 * 5 / 13 * 3, client.TotalSeconds, 12);

        // Without a Bootstrap calibration a bootstrap run's refreshes are missing, never priced as the round trip.
        var noBoot = Model(new OperationCost("Refresh", 12, 0.5, 0.01, 9)).Project(ops, refreshIsBootstrap: true);
        Assert.Equal(["Bootstrap", "Mult"], noBoot.Missing);
        Assert.Equal(0.0, noBoot.TotalSeconds, 12);
    }

    [Fact]
    public void DuplicateOrNegativeCostsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Model(new("mul", 5, 2.0, 0.1, 9), new("mul", 5, 2.0, 0.1, 9)));
        Assert.Contains("must be >= 0", Assert.Throws<ArgumentException>(() => Model(new OperationCost("mul", 5, -1, 0.1, 9))).Message);
    }

    private sealed class FakeTimer : IOperationTimer
    {
        public int Calls;
        public IReadOnlyDictionary<string, string> Parameters(string preset) => new Dictionary<string, string> { ["log_n"] = "16" };
        public IReadOnlyList<(string Kind, int Level)> Operations(string preset) => [("mul", 1), ("mul", 2), ("rotate", 1)];
        // Times cycle 3, 1, 2, 10, 2 ×(level) so the median (2·level) and MAD (1·level) are known.
        private static readonly double[] Pattern = [3, 1, 2, 10, 2];
        public double TimeOnce(string preset, string kind, int level) => Pattern[Calls++ % Pattern.Length] * level;
    }

    [Fact]
    public void CalibratorKeepsMedianAndMadAndRoundTripsThroughTheFile()
    {
        var timer = new FakeTimer();
        var cal = Calibrator.Measure(timer, "paper-n16", repeats: 5, warmup: 0, (k, _) => k == "mul", null, CancellationToken.None);
        Assert.Equal(10, timer.Calls);
        Assert.Equal([new OperationCost("mul", 1, 2, 1, 5), new OperationCost("mul", 2, 4, 2, 5)], cal.Costs);
        var dir = Directory.CreateTempSubdirectory("heprune-cal-").FullName;
        try
        {
            var file = Path.Combine(dir, "paper-n16.json");
            JsonFiles.Write(file, cal);
            var catalog = CalibrationCatalog.Load(dir);
            var model = catalog.For("paper-n16")!;
            Assert.Equal(3 * 4.0, model.Project([new OpCount("mul", 2, 3, "emulated")]).TotalSeconds, 12);
            Assert.Equal(file, model.Reference.File);
            Assert.Null(catalog.For("test-n12"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void MedianOfEvenCountAveragesTheMiddle() => Assert.Equal(2.5, Calibrator.Median([4, 1, 2, 3]));
}
