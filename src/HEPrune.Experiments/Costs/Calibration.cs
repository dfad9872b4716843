using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Costs;

/// <summary>Measured per-operation costs of one CKKS preset on one machine (the file <c>heprune calibrate</c> writes).</summary>
public sealed record Calibration
{
    /// <summary>Format tag; see <see cref="CurrentSchema"/>.</summary>
    public string Schema { get; init; } = CurrentSchema;
    /// <summary>CKKS preset the costs belong to.</summary>
    public required string Preset { get; init; }
    /// <summary>CKKS parameters of the preset as name → value text.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
    /// <summary>The machine measured on.</summary>
    public required MachineInfo Machine { get; init; }
    /// <summary>When the measurement finished.</summary>
    public required DateTimeOffset CreatedUtc { get; init; }
    /// <summary>Commit of the measuring code, or <c>unknown</c>.</summary>
    public string GitCommit { get; init; } = "unknown";
    /// <summary>One entry per operation kind and level.</summary>
    public required IReadOnlyList<OperationCost> Costs { get; init; }

    /// <summary>The schema this tool writes and reads.</summary>
    public const string CurrentSchema = "heprune.calibration/1";
}

/// <summary>The measured cost of one operation kind at one level.</summary>
/// <param name="Kind">Operation kind (matches <see cref="OpCount.Kind"/>).</param>
/// <param name="Level">Ciphertext level.</param>
/// <param name="MedianSeconds">Median wall time of one operation.</param>
/// <param name="SpreadSeconds">Median absolute deviation of the samples.</param>
/// <param name="Samples">Number of timed repetitions.</param>
public sealed record OperationCost(string Kind, int Level, double MedianSeconds, double SpreadSeconds, int Samples);

/// <summary>Identifies the calibration a projection used.</summary>
/// <param name="File">Path of the calibration file.</param>
/// <param name="Preset">Its preset.</param>
/// <param name="CreatedUtc">When it was measured.</param>
/// <param name="CpuModel">On which CPU.</param>
/// <param name="Sha">Short hash of the file content.</param>
public sealed record CalibrationRef(string File, string Preset, DateTimeOffset CreatedUtc, string CpuModel, string Sha);
