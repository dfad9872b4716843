namespace HEPrune.Experiments.Running;

/// <summary>The index of an experiment's results folder: which runs exist and their state (manifest.json).</summary>
public sealed record Manifest
{
    /// <summary>Format tag; see <see cref="CurrentSchema"/>.</summary>
    public string Schema { get; init; } = CurrentSchema;
    /// <summary>Experiment name.</summary>
    public required string Experiment { get; init; }
    /// <summary>Path of the config file the runs came from.</summary>
    public required string ConfigFile { get; init; }
    /// <summary>Short hash of the config text.</summary>
    public required string ConfigSha { get; init; }
    /// <summary>Commit of the tool that last updated the manifest.</summary>
    public required string GitCommit { get; init; }
    /// <summary>Last update.</summary>
    public required DateTimeOffset UpdatedUtc { get; init; }
    /// <summary>One entry per planned run, in matrix order.</summary>
    public required IReadOnlyList<ManifestEntry> Runs { get; init; }

    /// <summary>The schema this tool writes.</summary>
    public const string CurrentSchema = "heprune.manifest/1";
}

/// <summary>One run in the manifest.</summary>
/// <param name="Id">Run id.</param>
/// <param name="Label">Human label.</param>
/// <param name="Status">pending, done, failed or cancelled.</param>
/// <param name="Error">Failure message, when failed.</param>
/// <param name="WallSeconds">Run time of the last execution, when known.</param>
public sealed record ManifestEntry(string Id, string Label, string Status, string? Error, double? WallSeconds);
