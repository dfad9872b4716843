using System.Globalization;
using HEPrune.Experiments.Reporting;
using HEPrune.Experiments.Running;
using HEPrune.Experiments.Tests.Fixtures;

namespace HEPrune.Experiments.Tests.Reporting;

/// <summary>One fixture results folder shared by the report tests (built once: 136 records).</summary>
public sealed class ReportFixture : IAsyncLifetime
{
    /// <summary>The results folder.</summary>
    public string Dir { get; } = Directory.CreateTempSubdirectory("heprune-report-").FullName;

    public Task InitializeAsync() => FixtureResults.Create(Dir);

    public Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("HEPRUNE_KEEP_TEST_OUTPUT") is null) Directory.Delete(Dir, true);
        else Console.WriteLine("report test output kept in " + Dir);
        return Task.CompletedTask;
    }
}

public sealed class ReportTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private readonly string _dir = fixture.Dir;

    private RecordQuery Query() => new(new ResultStore(_dir).LoadAll());

    [Fact]
    public void Table1CellsHoldOurMeansAndThePapersNumbers()
    {
        var t = TableBuilder.Table1(Query());
        var cifar = t.Columns.ToList().IndexOf("CIFAR-10");
        var row = t.Rows.Single(r => r.Label == "HEPrune Acc %").Cells[cifar];
        // Fake: 90 + 5·0.1 + 1 (cifar) + 0.01·seed → seeds 0,1 → mean 91.505, sample std 0.00707.
        Assert.Equal(91.505, row.Ours!.Mean, 9);
        Assert.Equal(Math.Sqrt(0.00005), row.Ours.Spread!.Value, 9);
        Assert.Equal((2, "emulated"), (row.Ours.N, row.Ours.Source));
        Assert.Equal(new PaperValue(96.31, 0.06), row.Paper);
        var unenc = t.Rows.Single(r => r.Label == "Unencrypted Acc %").Cells[cifar];
        Assert.Equal(96 + 0.2 + 0.005, unenc.Ours!.Mean, 9);
        Assert.Equal("plaintext", unenc.Ours.Source);
        var hours = t.Rows.Single(r => r.Label == "HETAL Runtime (h)").Cells[cifar];
        // hetal cifar10: 9 epochs, keep 1 → muls 9000 → 18000 + 100 + 300 s.
        Assert.Equal(18400 / 3600.0, hours.Ours!.Mean, 9);
        Assert.Equal("projected", hours.Ours.Source);
        Assert.Equal(293.3, hours.Paper!.Value);
        var snips = t.Columns.ToList().IndexOf("SNIPS");
        Assert.All(t.Rows, r => Assert.Null(r.Cells[snips].Ours)); // no SNIPS records: never invented
        Assert.Contains("| — |", TableRenderer.Markdown(t));
    }

    [Fact]
    public void Table2HasSpeedupAndCommunication()
    {
        var t = TableBuilder.Table2(Query(), "cifar10");
        var hetal = 18400.0;
        var heprune = 1000 * 0.1 * 9 * 2 + 400.0;
        var cwp = t.Rows.Single(r => r.Label.Contains("Ciphertext-wise"));
        int Col(string name) => t.Columns.ToList().IndexOf(name);
        Assert.Equal(hetal / heprune, cwp.Cells[Col("Speedup (×)")].Ours!.Mean, 9);
        Assert.Equal(6.55, cwp.Cells[Col("Speedup (×)")].Paper!.Value);
        Assert.Equal(22.0, cwp.Cells[Col("Comm (MB)")].Ours!.Mean, 9);
        var baseline = t.Rows.Single(r => r.Label.StartsWith("Prune Baseline", StringComparison.Ordinal));
        Assert.Equal(18.1, baseline.Cells[Col("Comm (MB)")].Ours!.Mean, 9);
        Assert.Equal(1.0, t.Rows[0].Cells[Col("Speedup (×)")].Ours!.Mean, 12);
    }

    [Fact]
    public void Table2ShowsValidationSelectedAndLastEpochAccuracyBesideTheBest()
    {
        var t = TableBuilder.Table2(Query(), "cifar10");
        var cwp = t.Rows.Single(r => r.Label.Contains("Ciphertext-wise"));
        int Col(string name) => t.Columns.ToList().IndexOf(name);
        // Fake heprune cifar10 keep 0.1, seeds 0 and 1: best 91.50/91.51 at the last epoch; the lowest validation loss
        // is one epoch earlier, where the fake's test accuracy is 0.5 lower.
        Assert.Equal(91.505, cwp.Cells[Col("Acc %")].Ours!.Mean, 9);
        Assert.Equal(91.005, cwp.Cells[Col("Acc val.-sel. %")].Ours!.Mean, 9);
        Assert.Equal(91.505, cwp.Cells[Col("Acc last %")].Ours!.Mean, 9);
        Assert.Null(cwp.Cells[Col("Acc val.-sel. %")].Paper);
        var md = TableRenderer.Markdown(t);
        Assert.Contains("Acc % (paper)", md);
        Assert.Contains("Acc val.-sel. % (ours)", md);
        Assert.DoesNotContain("Acc val.-sel. % (paper)", md); // no paper value in that column: no empty paper column
        var header = md.Split('\n').First(l => l.StartsWith("| |", StringComparison.Ordinal));
        var rule = md.Split('\n').First(l => l.StartsWith("|---|", StringComparison.Ordinal));
        Assert.Equal(header.Count(ch => ch == '|'), rule.Count(ch => ch == '|'));
        var tex = TableRenderer.Latex(t);
        Assert.Contains("\\begin{tabular}{lrrrrrrrrrr}", tex); // 4 paper columns × 2 + 2 ours-only columns
    }

    [Fact]
    public void ReportCanReprojectWithAnotherCalibrationWithoutTouchingTheRecords()
    {
        var faster = FixtureResults.Calibration() with
        {
            Costs = [new("mul", 5, 4.0, 0.1, 9), new("rotate", 3, 0.5, 0.05, 9), new("bootstrap", 3, 30, 1, 9)], // mul now 4 s
        };
        var catalog = HEPrune.Experiments.Costs.CalibrationCatalog.Load(null);
        catalog.Add(new HEPrune.Experiments.Costs.CostModel(faster, new HEPrune.Experiments.Costs.CalibrationRef("new.json", "paper-n16", faster.CreatedUtc, "Test CPU", "111111111111")));
        var records = new ResultStore(_dir).LoadAll();
        var q = new RecordQuery(ReportWriter.Reproject(records, catalog));
        var hours = TableBuilder.Table1(q).Rows.Single(r => r.Label == "HETAL Runtime (h)");
        var cifar = TableBuilder.Table1(q).Columns.ToList().IndexOf("CIFAR-10");
        // hetal cifar10: 9,000 mul × 4 s + 200 rotate × 0.5 s + 10 bootstrap × 30 s.
        Assert.Equal((9000 * 4.0 + 100 + 300) / 3600, hours.Cells[cifar].Ours!.Mean, 9);
        Assert.All(new ResultStore(_dir).LoadAll(), r => Assert.NotEqual("new.json", r.Projection?.Calibration.File)); // records unchanged
        Assert.Equal(18400 / 3600.0, RecordQuery.Hours(new RecordQuery(records).Select("cifar10", "hetal", null, true))!.Mean, 9);
    }

    [Fact]
    public void SaveReprojectedRewritesTheRecordsThatHaveCountsAndLeavesTheOthers()
    {
        var copy = Directory.CreateTempSubdirectory("heprune-reproject-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(copy, "runs"));
            foreach (var f in Directory.EnumerateFiles(Path.Combine(_dir, "runs"), "*.json"))
                File.Copy(f, Path.Combine(copy, "runs", Path.GetFileName(f)));
            var faster = FixtureResults.Calibration() with
            {
                Costs = [new("mul", 5, 4.0, 0.1, 9), new("rotate", 3, 0.5, 0.05, 9), new("bootstrap", 3, 30, 1, 9)],
            };
            var catalog = HEPrune.Experiments.Costs.CalibrationCatalog.Load(null);
            catalog.Add(new HEPrune.Experiments.Costs.CostModel(faster, new HEPrune.Experiments.Costs.CalibrationRef("new.json", "paper-n16", faster.CreatedUtc, "Test CPU", "111111111111")));
            var before = new ResultStore(copy).LoadAll();
            int expected = before.Count(r => r.Result.Operations.Count > 0 && r.Run.Ckks.Preset == "paper-n16");
            Assert.InRange(expected, 1, before.Count - 1); // the fixture has records of both kinds

            Assert.Equal(expected, ReportWriter.SaveReprojected(copy, catalog));

            var after = new ResultStore(copy).LoadAll().ToDictionary(r => r.Id);
            foreach (var b in before)
            {
                var a = after[b.Id];
                bool reprojected = b.Result.Operations.Count > 0 && b.Run.Ckks.Preset == "paper-n16";
                Assert.Equal(reprojected ? "new.json" : b.Projection?.Calibration.File, a.Projection?.Calibration.File);
                Assert.Equal(b.Result.Accuracy.Best.Value, a.Result.Accuracy.Best.Value); // nothing else changes
            }
            // The saved records give the re-projected hours without --calibration (hetal cifar10: 9,000 mul × 4 s + 200 rotate × 0.5 s + 10 bootstraps × 30 s).
            var hours = RecordQuery.Hours(new RecordQuery(after.Values.ToList()).Select("cifar10", "hetal", null, true))!;
            Assert.Equal((9000 * 4.0 + 100 + 300) / 3600, hours.Mean, 9);
        }
        finally { Directory.Delete(copy, true); }
    }

    [Fact]
    public void DataWarningsOfMainRunsAppearOnceAtTheTopOfTheReport()
    {
        var copy = Directory.CreateTempSubdirectory("heprune-datawarn-").FullName;
        try
        {
            var store = new ResultStore(copy);
            Directory.CreateDirectory(store.RunsDirectory);
            const string warning = "cifar10/test: only the first 1,000 of the 10,000 official CIFAR-10 test images are present";
            var records = new ResultStore(_dir).LoadAll();
            int warned = 0;
            foreach (var r in records)
            {
                bool cifar = r.Run.Dataset == "cifar10";
                if (cifar) warned++;
                store.Write(cifar ? r with { Result = r.Result with { Notes = [.. r.Result.Notes, "data warning: " + warning] } } : r);
            }
            Assert.True(warned > 1); // several records carry it; the report says it once
            var md = File.ReadAllText(ReportWriter.Write(copy, copy).Markdown);
            var head = string.Join('\n', md.Split('\n').TakeWhile(l => !l.StartsWith("###", StringComparison.Ordinal)));
            Assert.Equal(1, CountOf(head, "**Data:** " + warning));
            Assert.Equal(1, CountOf(md, warning));
            Assert.Empty(ReportWriter.DataWarnings(records)); // the fixture itself has none
        }
        finally { Directory.Delete(copy, true); }

        static int CountOf(string text, string what)
        {
            int n = 0;
            for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
            return n;
        }
    }

    [Fact]
    public void Figure4HasEveryKeptFractionAndMissingOnesAreDashes()
    {
        var t = TableBuilder.Figure4(Query(), "mnist");
        Assert.Equal(10 + 1, t.Rows.Count); // the paper's ten fractions (ours are a subset) + no pruning
        var r40 = t.Rows.Single(r => r.Label == "40%");
        Assert.Equal(90 + 2 + 0.005, r40.Cells[0].Ours!.Mean, 9);
        Assert.Equal(96.4, r40.Cells[0].Paper!.Value);
        Assert.True(r40.Cells[0].Paper!.Approximate);
        Assert.Null(t.Rows.Single(r => r.Label == "20%").Cells[0].Ours);
        var csv = TableRenderer.Csv(t).Split('\n');
        Assert.Equal(TableRenderer.CsvHeader, csv[0]);
        Assert.Contains(csv, l => l.StartsWith("figure4-mnist,20%,Acc %,,,,,95.6,,true,", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteProducesTablesAndNonTrivialPlots()
    {
        var outDir = Path.Combine(_dir, "report-" + Guid.NewGuid().ToString("N")[..6]);
        var o = ReportWriter.Write(_dir, outDir);
        var md = File.ReadAllText(o.Markdown);
        Assert.Contains("Table 1: end-to-end", md);
        Assert.Contains("91.50 ± 0.01 [emulated, n=2]", md);
        foreach (var ext in new[] { "md", "csv", "tex" })
            Assert.True(File.Exists(Path.Combine(outDir, "tables", "table1." + ext)));
        Assert.Contains("\\begin{tabular}", File.ReadAllText(Path.Combine(outDir, "tables", "table1.tex")));
        // Time by component: hetal cifar10 projects 9,000 mul × 2 s in forward and 200 rotate × 0.5 s + 10 bootstrap × 30 s
        // in backward: 5.00 h + 0.11 h = 5.11 h.
        Assert.Contains("## Time by component", md);
        Assert.Contains("| run | forward | backward | total |", md);
        Assert.Contains("| cifar10/hetal/keep=1/seed=0/emulated | 5.00 | 0.11 | 5.11 |", md);
        var expected = new[] { "figure4-accuracy-cifar10", "figure4-time-cifar10", "table2-speedup-cifar10", "table2-communication-cifar10", "curves-cifar10", "figure4-accuracy-mnist" };
        foreach (var stem in expected)
        {
            var png = Path.Combine(outDir, "plots", stem + ".png");
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 10_000, $"{stem}.png is only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            var svg = File.ReadAllText(Path.ChangeExtension(png, ".svg"));
            Assert.Contains("<svg", svg);
            Assert.True(svg.Length > 5_000, $"{stem}.svg is only {svg.Length} chars");
        }
    }

    [Fact]
    public void TableWithoutAnyOfOurValuesIsLeftOut()
    {
        var tables = TableBuilder.Build(Query());
        Assert.DoesNotContain(tables, t => t.Key == "table3"); // no MLP runs in the fixture
        Assert.Contains(tables, t => t.Key == "table1");
    }

    [Fact]
    public async Task RuntimeOfARunOnPartOfTheTrainingDataIsLabelledSubsetNotFullScale()
    {
        var dir = Directory.CreateTempSubdirectory("heprune-report-subset-").FullName;
        try
        {
            await FixtureResults.Create(dir, """
                name: limited
                datasets: [mnist]
                methods: [hetal, heprune]
                keep: [0.1]
                seeds: [0]
                backend: emulated
                data: { limit_train: 512 }
                """);
            var t = TableBuilder.Table1(new RecordQuery(new ResultStore(dir).LoadAll()));
            var mnist = t.Columns.ToList().IndexOf("MNIST");
            var hours = t.Rows.Single(r => r.Label == "HETAL Runtime (h)").Cells[mnist].Ours!;
            Assert.Equal("projected-subset", hours.Source);
            Assert.Equal("emulated", t.Rows.Single(r => r.Label == "HETAL Acc %").Cells[mnist].Ours!.Source);
            Assert.Contains("s}}$", TableRenderer.Latex(t));
            var o = ReportWriter.Write(dir, Path.Combine(dir, "report"));
            Assert.Contains("limited to part of the training set", File.ReadAllText(o.Markdown));
            Assert.DoesNotContain("diverged", File.ReadAllText(o.Markdown));

            // A run whose notes record a divergence is named in a warning at the top of the report.
            var store = new ResultStore(dir);
            var victim = store.LoadAll().First(r => r.Run.Method == "heprune");
            store.Write(victim with { Result = victim.Result with { Notes = [.. victim.Result.Notes, "diverged: training stopped after epoch 2 (non-finite weights)"] } });
            var md = File.ReadAllText(ReportWriter.Write(dir, Path.Combine(dir, "report")).Markdown);
            Assert.Contains("**Warning: 1 main run(s) diverged**", md);
            Assert.Contains("Diverged: " + victim.Run.Label + ".", md);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
