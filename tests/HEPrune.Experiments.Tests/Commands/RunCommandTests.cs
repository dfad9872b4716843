using System.CommandLine;
using HEPrune.Experiments.Commands;
using HEPrune.Experiments.Tests.Fixtures;

namespace HEPrune.Experiments.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("heprune-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static int Invoke(FakeExecutor ex, params string[] args)
    {
        var root = new RootCommand { RunCommand.Create(() => ex) };
        return root.Parse(args).Invoke();
    }

    [Fact]
    public void RunWritesRecordsAndReportAndResumes()
    {
        var yaml = Path.Combine(_dir, "e.yaml");
        File.WriteAllText(yaml, "name: cli\ndatasets: [cifar10]\nmethods: [hetal, heprune]\nkeep: [0.1, 0.4]\n");
        var outDir = Path.Combine(_dir, "out");
        var ex = new FakeExecutor();
        Assert.Equal(0, Invoke(ex, "run", yaml, "--out", outDir));
        Assert.Equal(3, ex.Executed.Count);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(outDir, "runs"), "*.json").Length);
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "tables", "figure4-cifar10.csv")));
        Assert.True(File.Exists(Path.Combine(outDir, "plots", "figure4-accuracy-cifar10.png")));

        var again = new FakeExecutor();
        Assert.Equal(0, Invoke(again, "run", yaml, "--out", outDir, "--no-report"));
        Assert.Empty(again.Executed);
        Assert.Equal(0, Invoke(again, "run", yaml, "--out", outDir, "--force", "--only", "keep=0.4", "--no-report"));
        Assert.Single(again.Executed);
    }

    [Fact]
    public void InvalidConfigExitsWithTwoAndRunsNothing()
    {
        var yaml = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(yaml, "name: cli\ndatasets: [cifar]\nmethods: [hetal]\n");
        var ex = new FakeExecutor();
        Assert.Equal(RunCommand.InvalidInput, Invoke(ex, "run", yaml, "--out", Path.Combine(_dir, "o")));
        Assert.Empty(ex.Executed);
    }

    [Fact]
    public void FailedRunGivesExitCodeOne()
    {
        var yaml = Path.Combine(_dir, "e.yaml");
        File.WriteAllText(yaml, "name: cli\ndatasets: [mnist]\nmethods: [hetal]\n");
        var ex = new FakeExecutor { BeforeRun = _ => throw new InvalidOperationException("no data") };
        Assert.Equal(1, Invoke(ex, "run", yaml, "--out", Path.Combine(_dir, "o"), "--no-report"));
    }

    [Fact]
    public async Task CancellationStopsCleanlyWithExitCode130AndKeepsFinishedRuns()
    {
        var yaml = Path.Combine(_dir, "e.yaml");
        File.WriteAllText(yaml, "name: cli\ndatasets: [mnist]\nmethods: [hetal, heprune]\nkeep: [0.1, 0.2]\n");
        var outDir = Path.Combine(_dir, "out");
        using var cts = new CancellationTokenSource();
        var ex = new FakeExecutor();
        var calls = 0;
        // The second run "hangs" until the user presses Ctrl-C (here: cts.Cancel()).
        ex.BeforeRun = _ =>
        {
            if (++calls != 2) return;
            cts.Cancel();
            cts.Token.ThrowIfCancellationRequested();
        };
        var root = new RootCommand { RunCommand.Create(() => ex) };
        var code = await root.Parse(["run", yaml, "--out", outDir]).InvokeAsync(null, cts.Token);
        Assert.Equal(RunCommand.Cancelled, code);
        Assert.Single(Directory.GetFiles(Path.Combine(outDir, "runs"), "*.json"));
        Assert.Contains("\"cancelled\"", File.ReadAllText(Path.Combine(outDir, "manifest.json")));

        var resume = new FakeExecutor();
        Assert.Equal(0, Invoke(resume, "run", yaml, "--out", outDir, "--no-report"));
        Assert.Equal(2, resume.Executed.Count);
        Assert.DoesNotContain(ex.Executed.Single(), resume.Executed);
    }
}
