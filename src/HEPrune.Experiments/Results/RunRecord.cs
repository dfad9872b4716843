using HEPrune.Experiments.Costs;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Results;

/// <summary>Everything one run's numbers depend on and everything it produced; stored as runs/&lt;id&gt;.json.</summary>
public sealed record RunRecord
{
    /// <summary>Format tag; see <see cref="CurrentSchema"/>.</summary>
    public string Schema { get; init; } = CurrentSchema;
    /// <summary>Run id: short hash of <see cref="Canonical"/>.</summary>
    public required string Id { get; init; }
    /// <summary>Name of the experiment that produced it.</summary>
    public required string Experiment { get; init; }
    /// <summary>The resolved configuration.</summary>
    public required ResolvedRun Run { get; init; }
    /// <summary>The canonical JSON of <see cref="Run"/> that was hashed into <see cref="Id"/>.</summary>
    public required string Canonical { get; init; }
    /// <summary>Commit, tool version, machine and timing.</summary>
    public required Provenance Provenance { get; init; }
    /// <summary>What the executor measured.</summary>
    public required RunResult Result { get; init; }
    /// <summary>Projected full-scale HE time, when a calibration for the run's preset was available.</summary>
    public Projection? Projection { get; init; }

    /// <summary>The schema this tool writes and reads.</summary>
    public const string CurrentSchema = "heprune.run/1";
}
