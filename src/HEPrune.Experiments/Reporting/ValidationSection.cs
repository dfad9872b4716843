using System.Globalization;
using System.Text;
using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Reporting;

/// <summary>The "emulation check": each reduced-scale measured run (e.g. real CKKS) next to its emulated twin.</summary>
/// <remarks>
/// Both runs share everything except the backend, so operation counts must be identical, accuracy should agree to within
/// CKKS noise, and the twin's projected time (counts × calibrated costs) can be set against the measured wall time.
/// </remarks>
public static class ValidationSection
{
    /// <summary>One measured/twin pair.</summary>
    public sealed record Pair(RunRecord Measured, RunRecord Twin)
    {
        /// <summary>True when both runs counted the same operations (kind, level, component, count).</summary>
        public bool OperationsIdentical =>
            Key(Measured).SequenceEqual(Key(Twin));

        private static IEnumerable<string> Key(RunRecord r) =>
            r.Result.Operations.GroupBy(o => $"{o.Kind}@{o.Level}[{o.Component}]").Select(g => $"{g.Key}={g.Sum(o => o.Count)}").Order(StringComparer.Ordinal);
    }

    /// <summary>Pairs every non-emulated measure run with its emulated twin (same canonical config but the backend).</summary>
    public static IReadOnlyList<Pair> Pairs(IReadOnlyList<RunRecord> records)
    {
        var twins = records.Where(r => r.Run.Role == "measure" && r.Run.Backend == "emulated")
            .ToDictionary(TwinKey, StringComparer.Ordinal);
        return records.Where(r => r.Run.Role == "measure" && r.Run.Backend != "emulated")
            .Select(r => twins.TryGetValue(TwinKey(r), out var t) ? new Pair(r, t) : null)
            .OfType<Pair>().OrderBy(p => p.Measured.Run.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>Projected time of the twin over the measured total time, minus 1; null when either is missing.</summary>
    public static double? ProjectionError(RunRecord measured, RunRecord twin)
    {
        var m = measured.Result.Time.FirstOrDefault(x => x.Component == "total")?.Seconds;
        if (m is null || m.Source != Sources.CkksMeasured || m.Value <= 0) return null;
        return twin.Projection is { Complete: true } p ? p.TotalSeconds / m.Value - 1 : null;
    }

    // "1.2 → 3.4" (1-minute load averages when the measured run started and ended), a dash for records without them.
    private static string Load(Provenance p) =>
        p.LoadStart is { } a && p.LoadEnd is { } b ? string.Create(CultureInfo.InvariantCulture, $"{a:F1} → {b:F1}") : TableRenderer.Missing;

    private static string TwinKey(RunRecord r) => Running.CanonicalJson.Serialize(r.Run with { Backend = "" });

    /// <summary>Markdown section, or empty when there is no pair.</summary>
    public static string Markdown(IReadOnlyList<RunRecord> records)
    {
        var pairs = Pairs(records);
        if (pairs.Count == 0) return "";
        var sb = new StringBuilder("## Emulation check (reduced scale)\n\n");
        sb.AppendLine("| run | samples | best acc % measured | best acc % emulated | Δ points | operations identical | measured time (s) | load avg. start → end | projected time of twin (s) | projection error |");
        sb.AppendLine("|---|---:|---:|---:|---:|:---:|---:|---:|---:|---:|");
        var errors = new List<double>();
        foreach (var p in pairs)
        {
            var m = p.Measured;
            var t = p.Twin;
            var measured = m.Result.Time.FirstOrDefault(x => x.Component == "total")?.Seconds;
            var projected = t.Projection is { Complete: true } pr ? pr.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) : TableRenderer.Missing;
            double? error = ProjectionError(m, t);
            if (error is { } e) errors.Add(e);
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Run.Label} | {m.Result.Samples.Train} | {m.Result.Accuracy.Best.Value:F2} [{m.Result.Accuracy.Best.Source}] | {t.Result.Accuracy.Best.Value:F2} [{t.Result.Accuracy.Best.Source}] | " +
                $"{m.Result.Accuracy.Best.Value - t.Result.Accuracy.Best.Value:+0.00;-0.00;0.00} | {(p.OperationsIdentical ? "yes" : "**no**")} | " +
                $"{(measured is null ? TableRenderer.Missing : $"{measured.Value:F1} [{measured.Source}]")} | {Load(m.Provenance)} | {projected} | {(error is { } x ? $"{100 * x:+0;-0;0}%" : TableRenderer.Missing)} |"));
        }
        sb.AppendLine();
        if (errors.Count > 0)
        {
            var sorted = errors.Order().ToList();
            double median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- Projection error = projected / measured − 1 over {errors.Count} pair(s): median {100 * median:+0;-0;0}%, range {100 * sorted[0]:+0;-0;0}% … {100 * sorted[^1]:+0;-0;0}%. The measured time includes what the projection does not price (encoding, key generation, client work, memory traffic), and both depend on the machine's load when calibrated and measured (the load column: on 2 cores, a load above 2 means the measured run shared its cores)."));
        }
        sb.AppendLine("- Both runs of a row share every setting but the backend: operation counts must be identical; accuracy differs only by CKKS noise.");
        return sb.ToString();
    }
}
