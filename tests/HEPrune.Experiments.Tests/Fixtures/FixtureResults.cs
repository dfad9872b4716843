using HEPrune.Experiments.Config;
using HEPrune.Experiments.Costs;
using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Tests.Fixtures;

/// <summary>Builds a results folder from the <see cref="FakeExecutor"/> and a fixed calibration.</summary>
public static class FixtureResults
{
    /// <summary>A config covering Table 1, Table 2 and Figure 4 cells for CIFAR-10 and MNIST.</summary>
    public const string Yaml = """
        name: fixture
        datasets: [cifar10, mnist]
        methods: [hetal, prune_baseline, client_aided, hefs, heprune]
        keep: [0.01, 0.1, 0.4, 0.9]
        seeds: [0, 1]
        backend: [emulated, plaintext]
        """;

    /// <summary>Per-op costs: mul@5 = 2 s, rotate@3 = 0.5 s, bootstrap@3 = 30 s.</summary>
    public static Calibration Calibration() => new()
    {
        Preset = "paper-n16",
        Machine = new MachineInfo(2, "test", "Test CPU", [], "test"),
        CreatedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Costs =
        [
            new OperationCost("mul", 5, 2.0, 0.1, 9),
            new OperationCost("rotate", 3, 0.5, 0.05, 9),
            new OperationCost("bootstrap", 3, 30, 1, 9),
        ],
    };

    /// <summary>Projected seconds of a fake run: muls × 2 + 200 × 0.5 + 10 × 30.</summary>
    public static double ProjectedSeconds(ResolvedRun run) => FakeExecutor.Muls(run) * 2.0 + 200 * 0.5 + 10 * 30;

    /// <summary>Runs the fixture config into <paramref name="dir"/>.</summary>
    public static async Task Create(string dir, string yaml = Yaml)
    {
        var catalog = new CalibrationCatalog();
        catalog.Add(new CostModel(Calibration(), new CalibrationRef("fixture.json", "paper-n16", Calibration().CreatedUtc, "Test CPU", "000000000000")));
        var cfg = new LoadedConfig(ConfigLoader.Parse(yaml, "fixture.yaml"), "fixture.yaml", yaml);
        await new ExperimentRunner(new FakeExecutor(), catalog, NullRunObserver.Instance)
            .RunAsync(cfg, new ResultStore(dir), new RunnerOptions(), CancellationToken.None);
    }
}
