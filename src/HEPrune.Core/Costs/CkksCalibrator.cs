using System.Diagnostics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.Costs;

/// <summary>Measures the per-operation cost table of a CKKS parameter set on this machine.</summary>
public static class CkksCalibrator
{
    /// <summary>
    /// Measures the median wall time of every operation kind per level (warm-up, repetitions, median and median absolute
    /// deviation), within the options' level selection and time budget; unmeasured levels are interpolated linearly in
    /// the number of primes and flagged.
    /// </summary>
    /// <param name="parameters">The CKKS parameter set, e.g. <see cref="Presets.PaperN16"/>.</param>
    /// <param name="options">What to measure; null for every level with 5 repetitions.</param>
    /// <param name="presetName">Name written into the table (default: a description of N and L).</param>
    /// <param name="progress">Receives "kind@level" before each measurement.</param>
    /// <exception cref="ArgumentException">An option is out of range or names an unknown kind.</exception>
    public static CostTable Measure(CkksParameters parameters, CalibrationOptions? options = null, string? presetName = null,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new CalibrationOptions();
        if (options.Repetitions < 1) throw new ArgumentException($"CalibrationOptions.Repetitions must be >= 1, got {options.Repetitions}.", nameof(options));
        if (options.Warmup < 0) throw new ArgumentException($"CalibrationOptions.Warmup must be >= 0, got {options.Warmup}.", nameof(options));
        var kinds = options.Kinds?.ToList() ?? CostKinds.All.ToList();
        foreach (var k in kinds)
            if (!CostKinds.All.Contains(k))
                throw new ArgumentException($"CalibrationOptions.Kinds: unknown kind '{k}'; known: {string.Join(", ", CostKinds.All)}.", nameof(options));
        var machine = MachineDescription.Current();
        var clock = Stopwatch.StartNew();
        if (options.JitWarmupCalls > 0) JitWarmup(kinds, options.JitWarmupCalls);
        var timer = new CkksOperationTimer(parameters, options.HoistedRotations);
        var measured = new Dictionary<(string, int), OperationCost>();
        bool cut = false;

        // Anchors first (lowest, middle, top level of every kind), then the rest while the budget allows.
        var plan = new List<(string Kind, int Level)>();
        foreach (var k in kinds)
        {
            var levels = timer.Levels(k);
            foreach (int l in Anchors(levels)) plan.Add((k, l));
        }
        if (options.AllLevels)
        {
            foreach (var k in kinds)
            {
                var levels = timer.Levels(k);
                var anchors = Anchors(levels);
                foreach (int l in levels)
                    if (!anchors.Contains(l)) plan.Add((k, l));
            }
        }
        int anchorCount = plan.Count(p => Anchors(timer.Levels(p.Kind)).Contains(p.Level));
        for (int i = 0; i < plan.Count; i++)
        {
            var (kind, level) = plan[i];
            if (i >= anchorCount && options.TimeBudget is { } budget && clock.Elapsed > budget)
            {
                cut = true;
                break;
            }
            progress?.Report($"{kind}@{level}");
            for (int w = 0; w < options.Warmup; w++) timer.TimeOnce(kind, level);
            var samples = new double[options.Repetitions];
            for (int r = 0; r < samples.Length; r++) samples[r] = timer.TimeOnce(kind, level);
            double median = Median(samples);
            var dev = new double[samples.Length];
            for (int r = 0; r < samples.Length; r++) dev[r] = Math.Abs(samples[r] - median);
            measured[(kind, level)] = new OperationCost(kind, level, median, Median(dev), samples.Length);
        }

        var costs = new List<OperationCost>();
        foreach (var k in kinds)
        {
            var points = measured.Values.Where(c => c.Kind == k).OrderBy(c => c.Level).ToList();
            foreach (int l in timer.Levels(k))
                costs.Add(measured.TryGetValue((k, l), out var c) ? c : Interpolate(k, l, points));
        }
        string mode = (options.AllLevels ? "all-levels" : "anchors+interpolation") + (cut ? " (budget)" : "");
        return new CostTable(presetName ?? $"N=2^{parameters.LogN}, L={parameters.MaxLevel}", parameters.N, parameters.MaxLevel, machine,
            DateTimeOffset.UtcNow, mode, clock.Elapsed.TotalSeconds, costs);
    }

    /// <summary>
    /// Runs every kind many times on a tiny (insecure, N = 2^10) parameter set so that the runtime's tiered JIT has
    /// promoted all code paths to optimized code before the real measurement: a kind measured only a handful of times
    /// per level would otherwise be timed partly in unoptimized code, while a long circuit runs optimized code.
    /// </summary>
    private static void JitWarmup(IReadOnlyList<string> kinds, int calls)
    {
        var tiny = new CkksOperationTimer(Presets.InsecureTestN10, 2);
        foreach (var k in kinds)
        {
            var levels = tiny.Levels(k);
            for (int i = 0; i < calls; i++) tiny.TimeOnce(k, levels[i % levels.Count]);
        }
    }

    /// <summary>Returns the median (mean of the middle two for an even count).</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) throw new ArgumentException("Median: no values.", nameof(values));
        var s = values.ToArray();
        Array.Sort(s);
        int m = s.Length / 2;
        return s.Length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /// <summary>Linear interpolation in the number of primes (ℓ+1) between the nearest measured levels; beyond the ends, proportional to ℓ+1.</summary>
    internal static OperationCost Interpolate(string kind, int level, IReadOnlyList<OperationCost> points)
    {
        if (points.Count == 0) throw new InvalidOperationException($"Calibration: no measured level of {kind} to interpolate from.");
        OperationCost? below = null, above = null;
        foreach (var p in points)
        {
            if (p.Level <= level) below = p;
            if (p.Level >= level && above is null) above = p;
        }
        double t;
        if (below is not null && above is not null && below.Level != above.Level)
        {
            t = (double)(level - below.Level) / (above.Level - below.Level);
            return new OperationCost(kind, level, below.MedianSeconds + t * (above.MedianSeconds - below.MedianSeconds), 0, 0, true);
        }
        var nearest = below ?? above!;
        return new OperationCost(kind, level, nearest.MedianSeconds * (level + 1.0) / (nearest.Level + 1.0), 0, 0, true);
    }

    private static HashSet<int> Anchors(IReadOnlyList<int> levels) => [levels[0], levels[levels.Count / 2], levels[^1]];
}
