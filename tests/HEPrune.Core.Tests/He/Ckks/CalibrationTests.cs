using HEPrune.Ckks.Scheme;
using HEPrune.Core.Costs;
using HEPrune.Core.He;

namespace HEPrune.Core.Tests.He.Ckks;

public class CalibrationTests
{
    private static CostTable Table(params OperationCost[] costs) =>
        new("test", 1024, 3, MachineDescription.Current(), DateTimeOffset.UnixEpoch, "all-levels", 0, costs);

    [Fact]
    public void ProjectionIsTheSumOfCountTimesCostPerLevel()
    {
        var t = Table(new("Mult", 1, 0.010, 0, 5), new("Mult", 2, 0.020, 0, 5), new("Rot", 2, 0.003, 0, 5), new("Encrypt", 3, 0.5, 0, 5));
        var server = new OpCounter();
        server.Record(OpKind.Mult, 1, 4);
        server.Record(OpKind.Mult, 2, 3);
        server.Record(OpKind.Rot, 2, 10);
        server.Record(OpKind.Conj, 2, 1); // not calibrated
        var client = new OpCounter();
        client.Record(OpKind.Encrypt, 3, 2);
        var p = t.Project(server, client);
        Assert.Equal(4 * 0.010 + 3 * 0.020 + 10 * 0.003 + 2 * 0.5, p.TotalSeconds, 1e-15);
        Assert.Equal(0.1, p.PerKindSeconds["Mult"], 1e-15);
        Assert.Equal(new[] { "Conj@2" }, p.Missing);
    }

    [Fact]
    public void InterpolationIsLinearInThePrimeCountAndProportionalBeyondTheEnds()
    {
        var points = new[] { new OperationCost("Rot", 2, 3.0, 0, 3), new OperationCost("Rot", 6, 7.0, 0, 3) };
        var mid = CkksCalibrator.Interpolate("Rot", 4, points);
        Assert.Equal(5.0, mid.MedianSeconds, 1e-12);
        Assert.True(mid.Interpolated);
        Assert.Equal(0, mid.Samples);
        Assert.Equal(7.0 * 9 / 7, CkksCalibrator.Interpolate("Rot", 8, points).MedianSeconds, 1e-12); // (ℓ+1) scaling above
        Assert.Equal(3.0 * 1 / 3, CkksCalibrator.Interpolate("Rot", 0, points).MedianSeconds, 1e-12);
        Assert.Equal(2.0, CkksCalibrator.Median([3.0, 1.0, 2.0]));
        Assert.Equal(2.5, CkksCalibrator.Median([4.0, 1.0, 2.0, 3.0]));
    }

    [Fact]
    public void QuickCalibrationMeasuresAnchorsAndInterpolatesTheRest()
    {
        var p = Presets.InsecureTestN10; // INSECURE test-only parameters (L = 5): structure, not speed, is tested
        var seen = new List<string>();
        var t = CkksCalibrator.Measure(p, CalibrationOptions.Quick with { Repetitions = 2, Kinds = ["Add", "Mult", "Refresh", "RotHoisted"] },
            "InsecureTestN10", new SyncProgress(seen));
        Assert.Equal("anchors+interpolation", t.Mode);
        Assert.Equal(6 + 5 + 6 + 6, t.Costs.Count); // Mult has no level-0 entry
        foreach (var (kind, anchors) in new[] { ("Add", new[] { 0, 3, 5 }), ("Mult", new[] { 1, 3, 5 }) })
        {
            foreach (var c in t.Costs.Where(c => c.Kind == kind))
            {
                Assert.Equal(!anchors.Contains(c.Level), c.Interpolated);
                Assert.True(c.MedianSeconds > 0 && c.SpreadSeconds >= 0);
                Assert.Equal(c.Interpolated ? 0 : 2, c.Samples);
            }
        }
        Assert.Null(t.Find("Mult", 0));
        Assert.Equal(12, seen.Count);
        Assert.Contains("Refresh@5", seen);
        var full = CkksCalibrator.Measure(p, new CalibrationOptions { Repetitions = 1, Warmup = 0, Kinds = ["Add"] });
        Assert.All(full.Costs, c => Assert.False(c.Interpolated));
        Assert.Throws<ArgumentException>(() => CkksCalibrator.Measure(p, new CalibrationOptions { Kinds = ["Bootstrap"] }));
    }

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

    /// <summary>An IProgress that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(List<string> seen) : IProgress<string>
    {
        public void Report(string value) => seen.Add(value);
    }
}
