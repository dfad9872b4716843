namespace HEPrune.Experiments.Reporting;

/// <summary>Our aggregate of one quantity over the runs (seeds) that produced it.</summary>
/// <param name="Mean">Mean over runs.</param>
/// <param name="Spread">Sample standard deviation over runs (null for a single run).</param>
/// <param name="N">Number of runs.</param>
/// <param name="Source">The sources of the values, joined with '+' (e.g. <c>emulated</c>, <c>projected</c>).</param>
/// <param name="RunIds">The runs, so each cell can be traced back.</param>
public sealed record Stat(double Mean, double? Spread, int N, string Source, IReadOnlyList<string> RunIds)
{
    /// <summary>Aggregates <paramref name="values"/> (value, source, run id).</summary>
    /// <returns>Null when there are no values.</returns>
    public static Stat? Of(IReadOnlyList<(double Value, string Source, string Id)> values)
    {
        if (values.Count == 0) return null;
        var mean = values.Average(v => v.Value);
        double? spread = values.Count > 1
            ? Math.Sqrt(values.Sum(v => (v.Value - mean) * (v.Value - mean)) / (values.Count - 1))
            : null;
        var source = string.Join("+", values.Select(v => v.Source).Distinct().Order(StringComparer.Ordinal));
        return new Stat(mean, spread, values.Count, source, values.Select(v => v.Id).ToList());
    }
}

/// <summary>One cell: our value next to the paper's; either may be absent (rendered as "—").</summary>
/// <param name="Ours">Our aggregate.</param>
/// <param name="Paper">The paper's value.</param>
/// <param name="Decimals">Digits after the decimal point.</param>
public sealed record ReportCell(Stat? Ours, PaperValue? Paper, int Decimals = 2);

/// <summary>One row: a label and one cell per column.</summary>
public sealed record ReportRow(string Label, IReadOnlyList<ReportCell> Cells);

/// <summary>A table laid out like one of the paper's, each column shown as "ours" and "paper" side by side.</summary>
/// <param name="Key">File stem, e.g. <c>table1</c>.</param>
/// <param name="Title">Title line.</param>
/// <param name="Notes">Sentences printed under the table (what rows mean, how values were obtained).</param>
/// <param name="Columns">Column headers (each rendered as two columns: ours, paper).</param>
/// <param name="Rows">Rows.</param>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<string> Notes, IReadOnlyList<string> Columns, IReadOnlyList<ReportRow> Rows);
