using System.Text;
using HEPrune.Experiments.Costs;
using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Reporting;

/// <summary>What <see cref="ReportWriter.Write"/> produced.</summary>
/// <param name="Markdown">The combined Markdown report.</param>
/// <param name="Tables">Per-table files (md, csv, tex).</param>
/// <param name="Plots">PNG files (each has an SVG sibling).</param>
public sealed record ReportOutput(string Markdown, IReadOnlyList<string> Tables, IReadOnlyList<string> Plots);

/// <summary>Writes the report of a results folder: tables (Markdown, CSV, LaTeX) and plots (PNG, SVG).</summary>
public static class ReportWriter
{
    /// <summary>Reads the records under <paramref name="resultsDirectory"/> and writes the report into <paramref name="outDirectory"/>.</summary>
    /// <exception cref="RecordFormatException">A record is corrupt or of another schema.</exception>
    /// <exception cref="DirectoryNotFoundException">The results folder has no runs/ folder.</exception>
    /// <param name="resultsDirectory">The results folder (holds runs/).</param>
    /// <param name="outDirectory">Where report.md, tables/ and plots/ go.</param>
    /// <param name="reproject">
    /// When given, every record with operation counts whose preset this catalog calibrates is re-projected with it
    /// (the records on disk are not changed); other records keep the projection they were written with.
    /// </param>
    public static ReportOutput Write(string resultsDirectory, string outDirectory, CalibrationCatalog? reproject = null)
    {
        var store = new ResultStore(resultsDirectory);
        if (!Directory.Exists(store.RunsDirectory))
            throw new DirectoryNotFoundException($"report: {resultsDirectory} has no runs/ folder (expected the output of `heprune run`)");
        var records = store.LoadAll();
        if (reproject is not null) records = Reproject(records, reproject);
        var q = new RecordQuery(records);
        var tablesDir = Path.Combine(outDirectory, "tables");
        Directory.CreateDirectory(tablesDir);
        var tables = TableBuilder.Build(q);
        var files = new List<string>();
        var md = new StringBuilder();
        md.AppendLine($"# Report: {Path.GetFileName(Path.GetFullPath(resultsDirectory).TrimEnd('/'))}").AppendLine();
        int limited = q.Main.Count(r => r.Run.Data.LimitTrain is not null);
        md.AppendLine($"{records.Count} run record(s): {q.Main.Count} main run(s) ({(limited == 0 ? "all on the full training set" : $"{limited} limited to part of the training set; their runtimes carry the source suffix -subset and are not full scale")}), {records.Count - q.Main.Count} reduced-scale measuring run(s). Commits: {string.Join(", ", records.Select(r => r.Provenance.GitCommit[..Math.Min(12, r.Provenance.GitCommit.Length)]).Distinct())}.");
        md.AppendLine($"Backends: {string.Join(", ", records.Select(r => r.Run.Backend).Distinct())}. Projections use: {string.Join(", ", records.Where(r => r.Projection is not null).Select(r => $"{r.Projection!.Calibration.Preset} ({r.Projection.Calibration.CpuModel}, {r.Projection.Calibration.CreatedUtc:yyyy-MM-dd})").Distinct().DefaultIfEmpty("none"))}.");
        foreach (var warning in DataWarnings(q.Main)) md.AppendLine($"**Data:** {warning}");
        var diverged = q.Main.Where(Diverged).Select(r => r.Run.Label).Order(StringComparer.Ordinal).ToList();
        if (diverged.Count > 0)
            md.AppendLine($"**Warning: {diverged.Count} main run(s) diverged** (their records' notes say when): their best accuracy comes from epochs before the divergence, and a run stopped early has a projected time for only the epochs it ran. Diverged: {string.Join(", ", diverged)}.");
        md.AppendLine();
        if (tables.Count == 0) md.AppendLine("No table has a value yet: the records hold none of the runs the paper's tables need.").AppendLine();
        foreach (var t in tables)
        {
            var text = TableRenderer.Markdown(t);
            md.AppendLine(text);
            files.Add(WriteText(tablesDir, t.Key + ".md", text));
            files.Add(WriteText(tablesDir, t.Key + ".csv", TableRenderer.Csv(t)));
            files.Add(WriteText(tablesDir, t.Key + ".tex", TableRenderer.Latex(t)));
        }
        var plots = PlotWriter.WriteAll(q, Path.Combine(outDirectory, "plots"));
        if (plots.Count > 0)
        {
            md.AppendLine("## Plots").AppendLine();
            foreach (var p in plots) md.AppendLine($"![{Path.GetFileNameWithoutExtension(p)}](plots/{Path.GetFileName(p)})");
            md.AppendLine();
        }
        var validation = ValidationSection.Markdown(records);
        if (validation.Length > 0) md.AppendLine(validation);
        var components = ComponentSection.Markdown(records);
        if (components.Length > 0) md.AppendLine(components);
        md.AppendLine(RunsTable(records));
        var report = WriteText(outDirectory, "report.md", md.ToString());
        return new ReportOutput(report, files, plots);
    }

    /// <summary>
    /// The distinct data warnings of <paramref name="records"/> (notes starting "data warning: ", e.g. CIFAR-10's test set
    /// holding 1,000 of the official 10,000 images), each once, in order.
    /// </summary>
    public static IReadOnlyList<string> DataWarnings(IEnumerable<RunRecord> records) =>
        records.SelectMany(r => r.Result.Notes)
            .Where(n => n.StartsWith(DataWarningPrefix, StringComparison.Ordinal))
            .Select(n => n[DataWarningPrefix.Length..])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private const string DataWarningPrefix = "data warning: ";

    /// <summary>True when the run's notes record a divergence (non-finite or exploding loss, or a run stopped on NaN weights).</summary>
    public static bool Diverged(RunRecord r) =>
        r.Result.Notes.Any(n => n.Contains("diverged", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Returns the records with their projections recomputed from their operation counts with <paramref name="catalog"/>'s
    /// calibration of their preset; records without counts or without a calibration of their preset are returned as they are.
    /// </summary>
    public static IReadOnlyList<RunRecord> Reproject(IReadOnlyList<RunRecord> records, CalibrationCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(catalog);
        return records.Select(r => r.Result.Operations.Count > 0 && catalog.For(r.Run.Ckks.Preset) is { } model
            ? r with { Projection = model.Project(r.Run, r.Result.Operations) }
            : r).ToList();
    }

    /// <summary>
    /// Rewrites every record under <paramref name="resultsDirectory"/> that <see cref="Reproject"/> re-projects (it has
    /// operation counts and <paramref name="catalog"/> calibrates its preset) with the new projection, each write atomic;
    /// returns how many were rewritten. All records are read before the first write.
    /// </summary>
    /// <exception cref="RecordFormatException">A record is corrupt or of another schema (nothing is written then).</exception>
    public static int SaveReprojected(string resultsDirectory, CalibrationCatalog catalog)
    {
        var store = new ResultStore(resultsDirectory);
        if (!Directory.Exists(store.RunsDirectory))
            throw new DirectoryNotFoundException($"report: {resultsDirectory} has no runs/ folder (expected the output of `heprune run`)");
        var before = store.LoadAll();
        var after = Reproject(before, catalog);
        int n = 0;
        for (int i = 0; i < before.Count; i++)
        {
            if (ReferenceEquals(before[i], after[i])) continue;
            store.Write(after[i]);
            n++;
        }
        return n;
    }

    private static string RunsTable(IReadOnlyList<RunRecord> records)
    {
        var sb = new StringBuilder("## Runs\n\n| id | run | best acc % | final acc % | runtime (h) | comm (MB) | wall (s) |\n|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var r in records.OrderBy(r => r.Run.Label, StringComparer.Ordinal))
        {
            var h = RecordQuery.HoursOf(r);
            var comm = RecordQuery.CommunicationMB([r]);
            sb.AppendLine($"| {r.Id} | {r.Run.Label} | {r.Result.Accuracy.Best.Value:F2} [{r.Result.Accuracy.Best.Source}] | {r.Result.Accuracy.Final.Value:F2} | " +
                $"{(h is { } x ? $"{x.Value:F3} [{x.Source}]" : TableRenderer.Missing)} | {(comm is null ? TableRenderer.Missing : $"{comm.Mean:F1}")} | {r.Provenance.WallSeconds:F1} |");
        }
        return sb.ToString();
    }

    private static string WriteText(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        AtomicFile.WriteAllText(path, text);
        return path;
    }
}
