using System.Globalization;
using System.Text;
using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Reporting;

/// <summary>
/// Where the HE time goes: each main run's projected time split by component (circuit stages and pruning components),
/// and for reduced-scale measured runs the measured time per component beside the emulated twin's projection.
/// </summary>
public static class ComponentSection
{
    /// <summary>Components in the order the table shows them; others follow alphabetically, <c>unattributed</c> last.</summary>
    public static readonly IReadOnlyList<string> Order =
        ["forward", "softmax", "backward", "update", "weights.refresh", "validation", "prune.forward", "prune.scoring", "prune.selection", "prune.repacking"];

    /// <summary>Markdown section, or empty when no record's projection is split by component.</summary>
    public static string Markdown(IReadOnlyList<RunRecord> records)
    {
        static bool Split(RunRecord r) => r.Projection is { Complete: true } p && p.Components.Keys.Any(k => k != "unattributed");
        var main = records.Where(r => r.Run.Role == "main" && Split(r)).OrderBy(r => r.Run.Label, StringComparer.Ordinal).ToList();
        var pairs = ValidationSection.Pairs(records).Where(p => Split(p.Twin)).ToList();
        if (main.Count == 0 && pairs.Count == 0) return "";
        var sb = new StringBuilder("## Time by component\n\n");
        if (main.Count > 0)
        {
            var columns = Columns(main.SelectMany(r => r.Projection!.Components.Keys));
            sb.AppendLine("Projected hours per component (operation counts × calibrated costs; refreshes are priced inside the component that needed them).").AppendLine();
            sb.Append("| run |").AppendJoin("", columns.Select(c => $" {c} |")).AppendLine(" total |");
            sb.Append("|---|").AppendJoin("", columns.Select(_ => "---:|")).AppendLine("---:|");
            foreach (var r in main)
            {
                var p = r.Projection!;
                sb.Append($"| {r.Run.Label} |");
                foreach (var c in columns) sb.Append(' ').Append(p.Components.TryGetValue(c, out var s) ? Hours(s) : TableRenderer.Missing).Append(" |");
                sb.Append(' ').Append(Hours(p.TotalSeconds)).AppendLine(" |");
            }
            sb.AppendLine();
        }
        if (pairs.Count > 0)
        {
            var columns = Columns(pairs.SelectMany(p => p.Twin.Projection!.Components.Keys));
            sb.AppendLine("Reduced-scale runs: measured seconds / projected seconds of the emulated twin, per component.").AppendLine();
            sb.Append("| run |").AppendJoin("", columns.Select(c => $" {c} |")).AppendLine();
            sb.Append("|---|").AppendJoin("", columns.Select(_ => "---:|")).AppendLine();
            foreach (var pair in pairs)
            {
                var measured = pair.Measured.Result.Time.ToDictionary(t => t.Component, t => t.Seconds.Value, StringComparer.Ordinal);
                var projected = pair.Twin.Projection!.Components;
                sb.Append($"| {pair.Measured.Run.Label} |");
                foreach (var c in columns)
                {
                    var m = measured.TryGetValue(c, out var mv) ? Seconds(mv) : TableRenderer.Missing;
                    var q = projected.TryGetValue(c, out var pv) ? Seconds(pv) : TableRenderer.Missing;
                    sb.Append($" {m} / {q} |");
                }
                sb.AppendLine();
            }
            sb.AppendLine();
            sb.AppendLine("- Measured component times are wall time around each stage (including the refreshes inside it); `unattributed` is counted work outside every stage (e.g. refreshing the weights for validation), which has no measured counterpart.");
        }
        return sb.ToString();
    }

    private static List<string> Columns(IEnumerable<string> present)
    {
        var set = present.ToHashSet(StringComparer.Ordinal);
        var cols = Order.Where(set.Contains).ToList();
        cols.AddRange(set.Where(c => !Order.Contains(c) && c != "unattributed").Order(StringComparer.Ordinal));
        if (set.Contains("unattributed")) cols.Add("unattributed");
        return cols;
    }

    private static string Hours(double seconds) => (seconds / 3600).ToString("F2", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture);
}
