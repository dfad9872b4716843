using HEPrune.Experiments.Results;
using ScottPlot;

namespace HEPrune.Experiments.Reporting;

/// <summary>Draws the report figures with ScottPlot (PNG and SVG), from records only, with the paper's points where published.</summary>
public static class PlotWriter
{
    /// <summary>Font of every plot (Debian fonts-dejavu-core).</summary>
    public const string Font = "DejaVu Sans";

    private const int Width = 800, Height = 500;
    private static readonly Color Ours = Color.FromHex("#1f77b4");
    private static readonly Color PaperColor = Color.FromHex("#d62728");

    /// <summary>Writes every plot the records support into <paramref name="directory"/>; returns the PNG paths.</summary>
    public static IReadOnlyList<string> WriteAll(RecordQuery q, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        foreach (var d in q.Datasets)
        {
            if (q.Keeps(d, "heprune").Count > 0)
            {
                files.Add(Save(KeepSweep(q, d, accuracy: true), directory, $"figure4-accuracy-{d}"));
                if (q.Keeps(d, "heprune").Any(k => RecordQuery.Hours(q.Select(d, "heprune", k, true)) is not null))
                    files.Add(Save(KeepSweep(q, d, accuracy: false), directory, $"figure4-time-{d}"));
            }
            var ablation = PaperNumbers.Table2.Select(r => q.Select(d, r.Method, r.Method == "hetal" ? null : 0.1, true)).ToList();
            if (ablation.Count(a => RecordQuery.Hours(a) is not null) >= 2)
                files.Add(Save(AblationBars(q, d, speedup: true), directory, $"table2-speedup-{d}"));
            if (ablation.Count(a => RecordQuery.CommunicationMB(a) is not null) >= 1)
                files.Add(Save(AblationBars(q, d, speedup: false), directory, $"table2-communication-{d}"));
            if (Curves(q, d) is { } curves) files.Add(Save(curves, directory, $"curves-{d}"));
        }
        return files;
    }

    private static string Save(Plot plot, string directory, string stem)
    {
        var png = Path.Combine(directory, stem + ".png");
        plot.SavePng(png, Width, Height);
        plot.SaveSvg(Path.Combine(directory, stem + ".svg"), Width, Height);
        return png;
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plt = new Plot();
        plt.Font.Set(Font);
        plt.Title(title);
        plt.XLabel(x);
        plt.YLabel(y);
        return plt;
    }

    /// <summary>Accuracy or runtime against the kept fraction (Figure 4), ours with ± bars, the paper's as open markers.</summary>
    public static Plot KeepSweep(RecordQuery q, string dataset, bool accuracy)
    {
        var what = accuracy ? "Best test accuracy (%)" : "HE runtime (h)";
        var plt = NewPlot($"{Names.Dataset(dataset)}: {(accuracy ? "accuracy" : "runtime")} vs kept fraction (HEPrune)", "Kept fraction (%)", what);
        var xs = new List<double>();
        var ys = new List<double>();
        var es = new List<double>();
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var k in q.Keeps(dataset, "heprune"))
        {
            var runs = q.Select(dataset, "heprune", k, true);
            if ((accuracy ? RecordQuery.Accuracy(runs) : RecordQuery.Hours(runs)) is not { } s) continue;
            xs.Add(k * 100);
            ys.Add(s.Mean);
            es.Add(s.Spread ?? 0);
            sources.Add(s.Source);
        }
        if (xs.Count > 0)
        {
            var line = plt.Add.Scatter(xs.ToArray(), ys.ToArray(), Ours);
            line.LegendText = $"ours ({string.Join(", ", sources)})";
            line.MarkerSize = 8;
            line.LineWidth = 2;
            if (es.Any(e => e > 0))
            {
                var eb = plt.Add.ErrorBar(xs.ToArray(), ys.ToArray(), es.ToArray());
                eb.Color = Ours;
            }
        }
        if (PaperNumbers.Figure4Accuracy.ContainsKey(dataset))
        {
            var px = PaperNumbers.Figure4Keep.Select(k => k * 100).ToArray();
            var py = accuracy ? PaperNumbers.Figure4Accuracy[dataset] : PaperNumbers.Figure4Hours[dataset];
            var m = plt.Add.Scatter(px, py, PaperColor);
            m.LegendText = "paper (Fig. 4, read by eye)";
            m.MarkerShape = MarkerShape.OpenSquare;
            m.MarkerSize = 9;
            m.LineWidth = 1;
            m.LinePattern = LinePattern.Dotted;
            var full = PaperNumbers.Figure4Full[dataset];
            var hl = plt.Add.HorizontalLine(accuracy ? full.Accuracy : full.Hours, 1, PaperColor, LinePattern.Dashed);
            hl.LegendText = "paper, no pruning";
        }
        var fullRuns = q.Select(dataset, "hetal", null, true);
        if ((accuracy ? RecordQuery.Accuracy(fullRuns) : RecordQuery.Hours(fullRuns)) is { } f)
        {
            var hl = plt.Add.HorizontalLine(f.Mean, 1.5f, Ours, LinePattern.Dashed);
            hl.LegendText = $"ours, no pruning ({f.Source})";
        }
        plt.Axes.SetLimitsX(0, 100);
        if (!accuracy) plt.Axes.Margins(bottom: 0);
        plt.ShowLegend(accuracy ? Alignment.LowerRight : Alignment.UpperLeft);
        return plt;
    }

    /// <summary>Grouped bars of Table 2 (speedup or communication), ours next to the paper's.</summary>
    public static Plot AblationBars(RecordQuery q, string dataset, bool speedup)
    {
        var plt = NewPlot($"{Names.Dataset(dataset)}: {(speedup ? "speedup over HETAL" : "server-to-client communication")}, keep 0.1",
            "", speedup ? "Speedup (×)" : "Communication (MB)");
        var baseline = RecordQuery.Hours(q.Select(dataset, "hetal", null, true));
        var bars = new List<Bar>();
        var paper = dataset == "cifar10";
        var labels = new List<string>();
        for (var i = 0; i < PaperNumbers.Table2.Count; i++)
        {
            var row = PaperNumbers.Table2[i];
            var runs = q.Select(dataset, row.Method, row.Method == "hetal" ? null : 0.1, true);
            var ours = speedup ? RecordQuery.Ratio(baseline, RecordQuery.Hours(runs)) : RecordQuery.CommunicationMB(runs);
            if (ours is not null) bars.Add(new Bar { Position = i * 3, Value = ours.Mean, FillColor = Ours, Label = Format(ours.Mean) });
            if (paper)
            {
                var v = speedup ? row.Speedup.Value : row.CommunicationMB.Value;
                bars.Add(new Bar { Position = i * 3 + 1, Value = v, FillColor = PaperColor, Label = Format(v) });
            }
            labels.Add(row.Method switch
            {
                "hetal" => "HETAL\n(full data)",
                "prune_baseline" => "Prune\nbaseline",
                "client_aided" => "+ Client\naided",
                "hefs" => "+ HEFS",
                _ => "+ CWP\n(HEPrune)",
            });
        }
        var bp = plt.Add.Bars(bars);
        bp.ValueLabelStyle.FontName = Font;
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, labels.Count).Select(i => i * 3 + (paper ? 0.5 : 0)).ToArray(), labels.ToArray());
        plt.Axes.Bottom.MajorTickStyle.Length = 0;
        plt.Axes.Margins(bottom: 0, top: 0.15);
        if (speedup) plt.Add.HorizontalLine(1, 1, Colors.Gray, LinePattern.Dashed);
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "ours", FillColor = Ours });
        if (paper) plt.Legend.ManualItems.Add(new LegendItem { LabelText = "paper (Table 2)", FillColor = PaperColor });
        plt.ShowLegend(Alignment.UpperLeft);
        return plt;
    }

    /// <summary>Test accuracy per epoch for HETAL and every pruning method at keep 0.1, mean over seeds.</summary>
    /// <returns>Null when no record has per-epoch accuracy.</returns>
    public static Plot? Curves(RecordQuery q, string dataset)
    {
        var plt = NewPlot($"{Names.Dataset(dataset)}: test accuracy per epoch (keep 0.1)", "Epoch", "Test accuracy (%)");
        var any = false;
        var palette = new ScottPlot.Palettes.Category10();
        var present = q.Main.Where(r => r.Run.Dataset == dataset).Select(r => r.Run.Method).ToHashSet();
        var methods = Config.Vocabulary.Methods.Where(present.Contains).ToList();
        var i = 0;
        foreach (var method in methods)
        {
            var runs = q.Select(dataset, method, method == "hetal" ? null : 0.1, true);
            var byEpoch = runs.SelectMany(r => r.Result.Accuracy.PerEpoch)
                .Where(e => e.TestAccuracy is not null)
                .GroupBy(e => e.Epoch).OrderBy(g => g.Key).ToList();
            if (byEpoch.Count == 0) continue;
            var s = plt.Add.Scatter(byEpoch.Select(g => (double)g.Key).ToArray(), byEpoch.Select(g => g.Average(e => e.TestAccuracy!.Value)).ToArray(), palette.GetColor(i++));
            var source = string.Join(", ", runs.Select(r => r.Result.Accuracy.Best.Source).Distinct());
            s.LegendText = $"{method} ({source}, n={runs.Count})";
            s.LineWidth = 2;
            s.MarkerSize = 6;
            any = true;
        }
        if (!any) return null;
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plt.ShowLegend(Alignment.LowerRight);
        return plt;
    }

    private static string Format(double v) => v.ToString(v >= 10 ? "0.0" : "0.00", System.Globalization.CultureInfo.InvariantCulture);
}
