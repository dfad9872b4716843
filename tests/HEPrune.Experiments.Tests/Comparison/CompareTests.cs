using HEPrune.Experiments.Comparison;
using HEPrune.Experiments.Config;
using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;
using HEPrune.Experiments.Tests.Fixtures;

namespace HEPrune.Experiments.Tests.Comparison;

public sealed class CompareTests : IAsyncLifetime
{
    private const string Yaml = "name: ci\ndatasets: [mnist]\nmethods: [hetal, heprune]\nkeep: [0.1, 0.2]\n";
    private readonly string _base = Directory.CreateTempSubdirectory("heprune-base-").FullName;
    private readonly string _cand = Directory.CreateTempSubdirectory("heprune-cand-").FullName;

    public async Task InitializeAsync()
    {
        await FixtureResults.Create(_base, Yaml);
        await FixtureResults.Create(_cand, Yaml);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_base, true);
        Directory.Delete(_cand, true);
        return Task.CompletedTask;
    }

    private static string Victim(string dir) => Directory.EnumerateFiles(Path.Combine(dir, "runs"), "*.json").Order().First();

    private static void Edit(string file, Func<RunRecord, RunRecord> change) =>
        JsonFiles.Write(file, change(JsonFiles.Read<RunRecord>(file, RunRecord.CurrentSchema)));

    [Fact]
    public void IdenticalCopyPasses()
    {
        var r = RunComparer.Compare(_base, _cand, Tolerances.Default);
        Assert.True(r.Passed, r.Render());
        Assert.Equal(3, r.Matched);
        Assert.Contains("PASS", r.Render());
    }

    [Fact]
    public void PlantedAccuracyRegressionIsCaughtAndSmallNoiseIsNot()
    {
        var file = Path.Combine(_cand, "runs", Path.GetFileName(Victim(_base)));
        Edit(file, r => r with { Result = r.Result with { Accuracy = r.Result.Accuracy with { Best = r.Result.Accuracy.Best with { Value = r.Result.Accuracy.Best.Value - 0.5 } } } });
        var r = RunComparer.Compare(_base, _cand, Tolerances.Default);
        Assert.False(r.Passed);
        var f = Assert.Single(r.Findings, x => x.Regression);
        Assert.Equal("accuracy.best", f.Metric);
        Assert.Equal("-0.5 pts", f.Difference);
        Assert.True(RunComparer.Compare(_base, _cand, Tolerances.Default with { AccuracyPoints = 0.6 }).Passed);
    }

    [Fact]
    public void OperationCountAndBytesMustMatchExactly()
    {
        var file = Path.Combine(_cand, "runs", Path.GetFileName(Victim(_base)));
        Edit(file, r => r with
        {
            Result = r.Result with
            {
                Operations = [.. r.Result.Operations.Select(o => o.Kind == "rotate" ? o with { Count = o.Count + 1 } : o)],
                Messages = [.. r.Result.Messages.Select(m => m with { Bytes = m.Bytes + 8 })],
            },
        });
        var r = RunComparer.Compare(_base, _cand, Tolerances.Default);
        var metrics = r.Findings.Where(x => x.Regression).Select(x => x.Metric).Order().ToList();
        Assert.Equal(["bytes val_logits server_to_client", "ops rotate@3", "ops.component rotate@3 [backward]"], metrics);
    }

    [Fact]
    public void ProjectedTimeIsComparedInPercent()
    {
        var file = Path.Combine(_cand, "runs", Path.GetFileName(Victim(_base)));
        Edit(file, r => r with { Projection = r.Projection! with { TotalSeconds = r.Projection.TotalSeconds * 1.05 } });
        var r = RunComparer.Compare(_base, _cand, Tolerances.Default);
        Assert.Equal("+5 %", Assert.Single(r.Findings, x => x.Regression).Difference);
        Assert.True(RunComparer.Compare(_base, _cand, Tolerances.Default with { ProjectedTimePercent = 5.5 }).Passed);
    }

    [Fact]
    public void RunMissingFromCandidateIsARegression()
    {
        File.Delete(Path.Combine(_cand, "runs", Path.GetFileName(Victim(_base))));
        var r = RunComparer.Compare(_base, _cand, Tolerances.Default);
        Assert.False(r.Passed);
        Assert.Single(r.MissingInCandidate);
        Assert.Contains("missing from the candidate", r.Render());
    }

    [Fact]
    public void CommandExitCodesFollowTheOutcome()
    {
        Assert.Equal(0, Program.BuildRoot().Parse(["compare", _base, _cand]).Invoke());
        File.Delete(Path.Combine(_cand, "runs", Path.GetFileName(Victim(_base))));
        Assert.Equal(1, Program.BuildRoot().Parse(["compare", _base, _cand]).Invoke());
    }

    [Fact]
    public void TolerancesFileIsStrict()
    {
        var path = Path.Combine(_base, "tol.yaml");
        File.WriteAllText(path, "accuracy_points: 0.2\n");
        var t = Tolerances.Load(path);
        Assert.Equal((0.2, 1.0, true), (t.AccuracyPoints!.Value, t.ProjectedTimePercent!.Value, t.Operations!.Value));
        File.WriteAllText(path, "accuracy_point: 0.2\nprojected_time_percent: -1\n");
        var e = Assert.Throws<ConfigException>(() => Tolerances.Load(path));
        Assert.Contains("did you mean 'accuracy_points'", e.Message);
    }
}
