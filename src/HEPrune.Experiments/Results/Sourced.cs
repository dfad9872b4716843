namespace HEPrune.Experiments.Results;

/// <summary>A number together with what produced it (see <see cref="Sources"/>) and its unit.</summary>
/// <param name="Value">The number.</param>
/// <param name="Source">Producer: emulated, ckks-measured, plaintext, projected or paper.</param>
/// <param name="Unit">Unit, e.g. <c>s</c>, <c>%</c>, <c>bytes</c>; null when dimensionless.</param>
public sealed record Sourced(double Value, string Source, string? Unit = null);

/// <summary>The labels a <see cref="Sourced"/> value may carry.</summary>
public static class Sources
{
    /// <summary>Computed by the plaintext emulation of the CKKS circuit (same ops and levels, doubles instead of ciphertexts).</summary>
    public const string Emulated = "emulated";
    /// <summary>Measured on real CKKS ciphertexts on this machine.</summary>
    public const string CkksMeasured = "ckks-measured";
    /// <summary>Computed by unencrypted training in float64.</summary>
    public const string Plaintext = "plaintext";
    /// <summary>Operation counts multiplied by calibrated per-operation costs.</summary>
    public const string Projected = "projected";
    /// <summary>Suffix of a runtime from a run that used only part of the training data (<c>limit_train</c>): not full scale.</summary>
    public const string SubsetSuffix = "-subset";
    /// <summary>Copied from the published paper.</summary>
    public const string Paper = "paper";

    /// <summary>All labels.</summary>
    public static readonly IReadOnlyList<string> All = [Emulated, CkksMeasured, Plaintext, Projected, Paper];

    /// <summary>The label for values computed by <paramref name="backend"/> (emulated, ckks or plaintext).</summary>
    public static string ForBackend(string backend) => backend switch
    {
        "ckks" => CkksMeasured,
        "plaintext" => Plaintext,
        _ => Emulated,
    };
}
