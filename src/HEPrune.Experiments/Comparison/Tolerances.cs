using HEPrune.Experiments.Config;

namespace HEPrune.Experiments.Comparison;

/// <summary>How far a candidate run may differ from its baseline before <c>heprune compare</c> calls it a regression.</summary>
/// <remarks>Loaded from YAML (<c>--tolerances FILE</c>) with the same strictness as experiment configs.</remarks>
public sealed record Tolerances
{
    /// <summary>Allowed |candidate − baseline| of best and final accuracy, in percentage points.</summary>
    public double? AccuracyPoints { get; init; }
    /// <summary>Allowed |candidate − baseline| / baseline of the projected time, in percent.</summary>
    public double? ProjectedTimePercent { get; init; }
    /// <summary>Whether operation counts (by kind, level, component) must match exactly.</summary>
    public bool? Operations { get; init; }
    /// <summary>Whether bytes and message counts per message type must match exactly.</summary>
    public bool? Communication { get; init; }
    /// <summary>Whether ciphertexts and kept samples per epoch must match exactly.</summary>
    public bool? Epochs { get; init; }

    /// <summary>Defaults: accuracy ± 0.01 points, projected time ± 1 %, everything else exact.</summary>
    public static Tolerances Default { get; } = new() { AccuracyPoints = 0.01, ProjectedTimePercent = 1, Operations = true, Communication = true, Epochs = true };

    /// <summary>Loads a tolerances file; omitted keys keep their defaults.</summary>
    /// <exception cref="ConfigException">Missing file, malformed YAML, unknown key, wrong type or a negative tolerance.</exception>
    public static Tolerances Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException([new ConfigError(path, 0, 0, "", "cannot read the tolerances: no such file")]);
        var (t, positions) = ConfigLoader.ParseAs<Tolerances>(File.ReadAllText(path), path);
        var errors = new List<ConfigError>();
        void NonNegative(string key, double? v)
        {
            if (v is < 0 or double.NaN)
            {
                var m = positions.TryGetValue(key, out var mark) ? mark : default;
                errors.Add(new ConfigError(path, (int)m.Line, (int)m.Column, key, $"{v} must be >= 0"));
            }
        }
        NonNegative("accuracy_points", t.AccuracyPoints);
        NonNegative("projected_time_percent", t.ProjectedTimePercent);
        if (errors.Count > 0) throw new ConfigException(errors);
        var d = Default;
        return new Tolerances
        {
            AccuracyPoints = t.AccuracyPoints ?? d.AccuracyPoints,
            ProjectedTimePercent = t.ProjectedTimePercent ?? d.ProjectedTimePercent,
            Operations = t.Operations ?? d.Operations,
            Communication = t.Communication ?? d.Communication,
            Epochs = t.Epochs ?? d.Epochs,
        };
    }
}
