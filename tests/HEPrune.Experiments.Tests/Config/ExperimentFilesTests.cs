using HEPrune.Experiments.Config;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Tests.Config;

public sealed class ExperimentFilesTests
{
    private static string ExperimentsDirectory()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "HEPrune.sln")) && Directory.Exists(Path.Combine(d.FullName, "experiments")))
                return Path.Combine(d.FullName, "experiments");
        throw new DirectoryNotFoundException("experiments/ not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<object[]> Files() =>
        Directory.EnumerateFiles(ExperimentsDirectory(), "*.yaml", SearchOption.AllDirectories)
            .Select(f => new object[] { Path.GetRelativePath(ExperimentsDirectory(), f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryExperimentFileIsValidAndExpands(string relative)
    {
        var loaded = ConfigLoader.Load(Path.Combine(ExperimentsDirectory(), relative));
        Assert.NotEmpty(RunMatrix.Expand(loaded.Config));
    }

    [Fact]
    public void TheExpectedFilesExist()
    {
        var names = Files().Select(f => ((string)f[0]).Replace('\\', '/')).ToHashSet();
        foreach (var n in new[] { "quickstart.yaml", "ci.yaml", "paper/table1.yaml", "paper/table2-ablation.yaml", "paper/figure4-ratios.yaml", "paper/table3-scratch.yaml" })
            Assert.Contains(n, names);
    }

    [Fact]
    public void Figure4OverridesResolveToTheAuthorsRatioScript()
    {
        var c = ConfigLoader.Load(Path.Combine(ExperimentsDirectory(), "paper/figure4-ratios.yaml")).Config;
        var runs = RunMatrix.Expand(c).Where(r => r.Run.Method == "heprune").ToDictionary(r => (r.Run.Dataset, r.Run.Keep), r => r.Run.Training);
        Assert.Equal(20, runs.Count);
        Assert.Equal((1.5, 0.04, 15, 5), (runs[("cifar10", 0.01)].Lr, runs[("cifar10", 0.01)].Window, runs[("cifar10", 0.01)].Epochs, runs[("cifar10", 0.01)].PruneEvery));
        Assert.Equal((1.0, 0.11), (runs[("mnist", 0.01)].Lr, runs[("mnist", 0.01)].Window));
        Assert.Equal((0.5, 0.04), (runs[("mnist", 0.2)].Lr, runs[("mnist", 0.2)].Window));
        Assert.Equal((0.5, 0.0), (runs[("cifar10", 0.4)].Lr, runs[("cifar10", 0.4)].Window));
    }

    [Fact]
    public void QuickstartMeasuresAtTheSmallPreset()
    {
        var c = ConfigLoader.Load(Path.Combine(ExperimentsDirectory(), "quickstart.yaml")).Config;
        var runs = RunMatrix.Expand(c);
        Assert.Equal(6, runs.Count); // 2 main + 2 measured + 2 emulated twins
        Assert.All(runs.Where(r => r.Run.Role == "measure"), r => Assert.Equal(("test-n12", 128), (r.Run.Ckks.Preset, r.Run.Data.LimitTrain!.Value)));
        // Main runs: the paper's parameters on the emulated backend, on the first 4,096 training images (a few minutes).
        Assert.All(runs.Where(r => r.Run.Role == "main"), r => Assert.Equal(("emulated", "paper-n16", 4096), (r.Run.Backend, r.Run.Ckks.Preset, r.Run.Data.LimitTrain)));
    }
}
