using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Costs;

/// <summary>Times single CKKS operations; implemented over the CKKS library (wired by the lead) or by a fake in tests.</summary>
public interface IOperationTimer
{
    /// <summary>The parameters of <paramref name="preset"/> as name → value text (recorded in the calibration).</summary>
    IReadOnlyDictionary<string, string> Parameters(string preset);

    /// <summary>Every (kind, level) the timer can measure for <paramref name="preset"/>.</summary>
    IReadOnlyList<(string Kind, int Level)> Operations(string preset);

    /// <summary>Runs one <paramref name="kind"/> operation at <paramref name="level"/> and returns its wall time in seconds.</summary>
    double TimeOnce(string preset, string kind, int level);
}

/// <summary>Measures a <see cref="Calibration"/>: each (kind, level) is timed repeatedly; median and median absolute deviation are kept.</summary>
public static class Calibrator
{
    /// <summary>Measures the operations of <paramref name="preset"/> selected by <paramref name="select"/>.</summary>
    /// <param name="timer">The operation timer.</param>
    /// <param name="preset">CKKS preset name.</param>
    /// <param name="repeats">Timed repetitions per entry (≥ 1).</param>
    /// <param name="warmup">Untimed repetitions first (≥ 0).</param>
    /// <param name="select">Which (kind, level) to measure; null measures all.</param>
    /// <param name="progress">Receives (done, total, "kind@level").</param>
    /// <param name="cancellationToken">Stops between operations.</param>
    /// <exception cref="ArgumentOutOfRangeException">repeats &lt; 1 or warmup &lt; 0.</exception>
    /// <exception cref="ArgumentException">Nothing selected.</exception>
    public static Calibration Measure(IOperationTimer timer, string preset, int repeats, int warmup,
        Func<string, int, bool>? select, IProgress<(int Done, int Total, string Item)>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        var ops = timer.Operations(preset).Where(o => select?.Invoke(o.Kind, o.Level) ?? true).ToList();
        if (ops.Count == 0) throw new ArgumentException($"calibrate: no operation of preset '{preset}' matches the selection");
        var costs = new List<OperationCost>();
        for (var i = 0; i < ops.Count; i++)
        {
            var (kind, level) = ops[i];
            progress?.Report((i, ops.Count, $"{kind}@{level}"));
            for (var w = 0; w < warmup; w++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                timer.TimeOnce(preset, kind, level);
            }
            var samples = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                samples[r] = timer.TimeOnce(preset, kind, level);
            }
            var median = Median(samples);
            var mad = Median(samples.Select(s => Math.Abs(s - median)).ToArray());
            costs.Add(new OperationCost(kind, level, median, mad, repeats));
        }
        progress?.Report((ops.Count, ops.Count, "done"));
        return new Calibration
        {
            Preset = preset,
            Parameters = timer.Parameters(preset),
            Machine = EnvironmentProbe.Machine(),
            CreatedUtc = DateTimeOffset.UtcNow,
            GitCommit = EnvironmentProbe.GitCommit(Directory.GetCurrentDirectory()),
            Costs = costs,
        };
    }

    /// <summary>The median of <paramref name="values"/> (mean of the middle two for an even count).</summary>
    public static double Median(double[] values)
    {
        if (values.Length == 0) throw new ArgumentException("Median: no values", nameof(values));
        var s = (double[])values.Clone();
        Array.Sort(s);
        var m = s.Length / 2;
        return s.Length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}

/// <summary>The timer the CLI uses.</summary>

public static class OperationTimerCatalog
{
    /// <summary>Creates the operation timer, or null when none is wired.</summary>
    public static IOperationTimer? Create() => new CkksTimerAdapter();
}
