using System.Globalization;
using System.Text.Json.Serialization;

namespace HEPrune.Experiments.Running;

/// <summary>One fully resolved run: every value it depends on, with defaults applied. Its hash is the run id.</summary>
/// <remarks>The executor reads only this record; anything that changes a result must be a field here.</remarks>
public sealed record ResolvedRun
{
    /// <summary>Bumped when the meaning of a field changes, so old ids stop matching.</summary>
    public int IdVersion { get; init; } = 1;
    /// <summary><c>main</c> for a matrix cell, <c>measure</c> for the reduced-scale encrypted run next to it.</summary>
    public required string Role { get; init; }
    /// <summary>Dataset name.</summary>
    public required string Dataset { get; init; }
    /// <summary>Method name.</summary>
    public required string Method { get; init; }
    /// <summary>Kept fraction (1 for hetal, which trains on everything).</summary>
    public required double Keep { get; init; }
    /// <summary>Random seed.</summary>
    public required int Seed { get; init; }
    /// <summary>Backend that executes the circuits.</summary>
    public required string Backend { get; init; }
    /// <summary>Data source and caps.</summary>
    public required ResolvedData Data { get; init; }
    /// <summary>Feature extraction.</summary>
    public required ResolvedFeatures Features { get; init; }
    /// <summary>Training hyperparameters.</summary>
    public required ResolvedTraining Training { get; init; }
    /// <summary>CKKS parameters.</summary>
    public required ResolvedCkks Ckks { get; init; }

    /// <summary>A short human label, e.g. <c>mnist/heprune/keep=0.1/seed=0/emulated</c>.</summary>
    [JsonIgnore]
    public string Label => $"{Dataset}/{Method}/keep={Keep.ToString("0.###", CultureInfo.InvariantCulture)}/seed={Seed}/{Backend}" + (Role == "main" ? "" : $"/{Role}");
}

/// <summary>Resolved <c>data</c> values.</summary>
public sealed record ResolvedData(string? Root, string TestSplit, int? LimitTrain, int? LimitVal, int? LimitTest);

/// <summary>Resolved feature extraction; null size/mean/std mean the extractor's own defaults.</summary>
public sealed record ResolvedFeatures(string Extractor, string? Path, int? ImageSize, IReadOnlyList<double>? Mean, IReadOnlyList<double>? Std, string Normalize = "none");

/// <summary>Resolved training hyperparameters.</summary>
/// <param name="Approximations">The encrypted MLP's activation and softmax approximations (<see cref="HEPrune.Core.Training.Mlp.MlpOptions.ApproximationsId"/>),
/// null for other models and for the plaintext MLP reference; omitted from the canonical form when null, so the ids of
/// those runs did not change when it was added.</param>
public sealed record ResolvedTraining(
    string Recipe, string Model, IReadOnlyList<int>? Hidden, int Batch, int Epochs, double Lr, string Optimizer,
    int PruneEvery, double Window, bool EarlyStopping, int Patience,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Approximations = null);

/// <summary>Resolved CKKS parameters.</summary>
public sealed record ResolvedCkks(string Preset, string Noise, string Refresh = "client");
