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

    private static string TwinKey(RunRecord r) => Running.CanonicalJson.Serialize(r.Run with { Backend = "" });

    /// <summary>Markdown section, or empty when there is no pair.</summary>
    public static string Markdown(IReadOnlyList<RunRecord> records)
    {
        var pairs = Pairs(records);
        if (pairs.Count == 0) return "";
        var sb = new StringBuilder("## Emulation check (reduced scale)\n\n");
        sb.AppendLine("| run | samples | best acc % measured | best acc % emulated | Δ points | operations identical | measured time (s) | projected time of twin (s) |");
        sb.AppendLine("|---|---:|---:|---:|---:|:---:|---:|---:|");
        foreach (var p in pairs)
        {
            var m = p.Measured;
            var t = p.Twin;
            var measured = m.Result.Time.FirstOrDefault(x => x.Component == "total")?.Seconds;
            var projected = t.Projection is { Complete: true } pr ? pr.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) : TableRenderer.Missing;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Run.Label} | {m.Result.Samples.Train} | {m.Result.Accuracy.Best.Value:F2} [{m.Result.Accuracy.Best.Source}] | {t.Result.Accuracy.Best.Value:F2} [{t.Result.Accuracy.Best.Source}] | " +
                $"{m.Result.Accuracy.Best.Value - t.Result.Accuracy.Best.Value:+0.00;-0.00;0.00} | {(p.OperationsIdentical ? "yes" : "**no**")} | " +
                $"{(measured is null ? TableRenderer.Missing : $"{measured.Value:F1} [{measured.Source}]")} | {projected} |"));
        }
        sb.AppendLine();
        sb.AppendLine("- Both runs of a row share every setting but the backend: operation counts must be identical; accuracy differs only by CKKS noise.");
        return sb.ToString();
    }
}
