using System.Globalization;
using System.Text;
using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Comparison;

/// <summary>One compared quantity of one run.</summary>
/// <param name="RunId">Run id.</param>
/// <param name="Label">Run label.</param>
/// <param name="Metric">What was compared, e.g. <c>accuracy.best</c>, <c>ops mul@5 [forward]</c>.</param>
/// <param name="Baseline">Baseline value as text ("—" when absent).</param>
/// <param name="Candidate">Candidate value as text ("—" when absent).</param>
/// <param name="Difference">Difference as text.</param>
/// <param name="Regression">True when outside tolerance.</param>
public sealed record Finding(string RunId, string Label, string Metric, string Baseline, string Candidate, string Difference, bool Regression);

/// <summary>The outcome of comparing two results folders.</summary>
/// <param name="Findings">Every compared quantity.</param>
/// <param name="Matched">Runs present in both.</param>
/// <param name="MissingInCandidate">Baseline runs absent from the candidate (each a regression).</param>
/// <param name="NewInCandidate">Candidate runs absent from the baseline (informational).</param>
public sealed record ComparisonReport(IReadOnlyList<Finding> Findings, int Matched, IReadOnlyList<string> MissingInCandidate, IReadOnlyList<string> NewInCandidate)
{
    /// <summary>True when nothing is out of tolerance and no baseline run is missing.</summary>
    public bool Passed => MissingInCandidate.Count == 0 && !Findings.Any(f => f.Regression);

    /// <summary>A readable table of the regressions (or all findings when <paramref name="all"/>) and a summary line.</summary>
    public string Render(bool all = false)
    {
        var rows = Findings.Where(f => all || f.Regression).ToList();
        var sb = new StringBuilder();
        if (rows.Count > 0)
        {
            string[] head = ["status", "run", "metric", "baseline", "candidate", "diff"];
            var cells = rows.Select(f => new[] { f.Regression ? "FAIL" : "ok", $"{f.RunId} {f.Label}", f.Metric, f.Baseline, f.Candidate, f.Difference }).ToList();
            var widths = head.Select((h, i) => Math.Max(h.Length, cells.Max(c => c[i].Length))).ToArray();
            sb.AppendLine(string.Join("  ", head.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
            sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
            foreach (var c in cells) sb.AppendLine(string.Join("  ", c.Select((x, i) => x.PadRight(widths[i]))).TrimEnd());
        }
        foreach (var m in MissingInCandidate) sb.AppendLine($"FAIL  {m}: in the baseline but missing from the candidate");
        foreach (var n in NewInCandidate) sb.AppendLine($"note  {n}: only in the candidate (not compared)");
        var fails = Findings.Count(f => f.Regression);
        sb.AppendLine($"compare: {Matched} matched run(s), {Findings.Count} value(s) compared, {fails} out of tolerance, {MissingInCandidate.Count} missing, {NewInCandidate.Count} new -> {(Passed ? "PASS" : "REGRESSION")}");
        return sb.ToString();
    }
}

/// <summary>Compares candidate run records with baseline ones, matched by run id, under <see cref="Tolerances"/>.</summary>
public static class RunComparer
{
    /// <summary>Compares the results folders <paramref name="baselineDir"/> and <paramref name="candidateDir"/>.</summary>
    /// <exception cref="RecordFormatException">A record is corrupt or of another schema.</exception>
    public static ComparisonReport Compare(string baselineDir, string candidateDir, Tolerances tolerances) =>
        Compare(new ResultStore(baselineDir).LoadAll(), new ResultStore(candidateDir).LoadAll(), tolerances);

    /// <summary>Compares two sets of records.</summary>
    public static ComparisonReport Compare(IReadOnlyList<RunRecord> baseline, IReadOnlyList<RunRecord> candidate, Tolerances t)
    {
        var cand = candidate.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var baseIds = baseline.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var findings = new List<Finding>();
        var missing = new List<string>();
        var matched = 0;
        foreach (var b in baseline.OrderBy(r => r.Run.Label, StringComparer.Ordinal))
        {
            if (!cand.TryGetValue(b.Id, out var c))
            {
                missing.Add($"{b.Id} {b.Run.Label}");
                continue;
            }
            matched++;
            void Add(string metric, string bv, string cv, string diff, bool bad) => findings.Add(new Finding(b.Id, b.Run.Label, metric, bv, cv, diff, bad));
            void Points(string metric, double bv, double cv)
            {
                var d = cv - bv;
                Add(metric, F(bv), F(cv), (d >= 0 ? "+" : "") + F(d) + " pts", Math.Abs(d) > t.AccuracyPoints!.Value + 1e-12);
            }
            Points("accuracy.best", b.Result.Accuracy.Best.Value, c.Result.Accuracy.Best.Value);
            Points("accuracy.final", b.Result.Accuracy.Final.Value, c.Result.Accuracy.Final.Value);
            if (t.Operations == true)
            {
                // Totals per kind and level always; per component only when both records split their counts by
                // component (records written before components existed have none).
                Exact("ops", b.Result.Operations.GroupBy(o => $"{o.Kind}@{o.Level}").ToDictionary(g => g.Key, g => g.Sum(o => o.Count)),
                      c.Result.Operations.GroupBy(o => $"{o.Kind}@{o.Level}").ToDictionary(g => g.Key, g => g.Sum(o => o.Count)), Add);
                if (b.Result.Operations.Any(o => o.Component is not null) && c.Result.Operations.Any(o => o.Component is not null))
                    Exact("ops.component", b.Result.Operations.GroupBy(o => $"{o.Kind}@{o.Level} [{o.Component ?? "unattributed"}]").ToDictionary(g => g.Key, g => g.Sum(o => o.Count)),
                          c.Result.Operations.GroupBy(o => $"{o.Kind}@{o.Level} [{o.Component ?? "unattributed"}]").ToDictionary(g => g.Key, g => g.Sum(o => o.Count)), Add);
            }
            if (t.Communication == true)
            {
                Exact("bytes", b.Result.Messages.ToDictionary(m => $"{m.Type} {m.Direction}", m => m.Bytes), c.Result.Messages.ToDictionary(m => $"{m.Type} {m.Direction}", m => m.Bytes), Add);
                Exact("messages", b.Result.Messages.ToDictionary(m => $"{m.Type} {m.Direction}", m => m.Count), c.Result.Messages.ToDictionary(m => $"{m.Type} {m.Direction}", m => m.Count), Add);
            }
            if (t.Epochs == true)
            {
                Exact("ciphertexts", b.Result.Epochs.ToDictionary(e => $"epoch {e.Epoch}", e => (long)e.Ciphertexts), c.Result.Epochs.ToDictionary(e => $"epoch {e.Epoch}", e => (long)e.Ciphertexts), Add);
                Exact("kept", b.Result.Epochs.ToDictionary(e => $"epoch {e.Epoch}", e => (long)e.KeptSamples), c.Result.Epochs.ToDictionary(e => $"epoch {e.Epoch}", e => (long)e.KeptSamples), Add);
            }
            var bp = b.Projection?.TotalSeconds;
            var cp = c.Projection?.TotalSeconds;
            if (bp is not null || cp is not null)
            {
                if (bp is null || cp is null) Add("projected_seconds", Opt(bp), Opt(cp), "projection appeared/disappeared", true);
                else
                {
                    var pct = bp.Value == 0 ? (cp.Value == 0 ? 0 : double.PositiveInfinity) : (cp.Value - bp.Value) / bp.Value * 100;
                    Add("projected_seconds", F(bp.Value), F(cp.Value), (pct >= 0 ? "+" : "") + F(pct) + " %", Math.Abs(pct) > t.ProjectedTimePercent!.Value + 1e-12);
                }
            }
        }
        var extra = candidate.Where(r => !baseIds.Contains(r.Id)).Select(r => $"{r.Id} {r.Run.Label}").Order(StringComparer.Ordinal).ToList();
        return new ComparisonReport(findings, matched, missing, extra);
    }

    private static void Exact(string what, Dictionary<string, long> b, Dictionary<string, long> c, Action<string, string, string, string, bool> add)
    {
        foreach (var key in b.Keys.Union(c.Keys).Order(StringComparer.Ordinal))
        {
            var hb = b.TryGetValue(key, out var bv);
            var hc = c.TryGetValue(key, out var cv);
            var diff = hb && hc ? (cv - bv >= 0 ? "+" : "") + (cv - bv).ToString(CultureInfo.InvariantCulture) : "absent in one";
            add($"{what} {key}", hb ? bv.ToString(CultureInfo.InvariantCulture) : "—", hc ? cv.ToString(CultureInfo.InvariantCulture) : "—", diff, !(hb && hc && bv == cv));
        }
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Opt(double? v) => v is { } x ? F(x) : "—";
}
