using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Circuits;

public class SoftmaxCircuitTests(ITestOutputHelper output)
{
    private static List<double[]> RandomRows(Random rng, int n, int c, double range)
    {
        var rows = new List<double[]>(n);
        for (int i = 0; i < n; i++) rows.Add(Enumerable.Range(0, c).Select(_ => (rng.NextDouble() * 2 - 1) * range).ToArray());
        return rows;
    }

    private static double[][] RunCircuit(HeBackend b, SoftmaxLayout layout, List<double[]> rows, int inputLevel,
        RefreshPolicy policy, StageProfiler? profiler = null, SoftmaxSettings? settings = null)
    {
        var ct = b.Client.Encrypt(SoftmaxCircuit.PackLogits(layout, rows, settings), inputLevel);
        var p = b.Client.Decrypt(SoftmaxCircuit.Evaluate(b.Evaluator, ct, layout, policy, profiler, settings)).Real;
        var result = new double[rows.Count][];
        for (int r = 0; r < rows.Count; r++)
        {
            result[r] = new double[layout.Classes];
            for (int j = 0; j < layout.Classes; j++) result[r][j] = p[layout.Index(r, j)];
        }
        return result;
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(10, 2)]
    [InlineData(10, 1)]
    [InlineData(7, 4)]
    public void CircuitEqualsFloat64Reference(int c, int periodsPerRow)
    {
        var layout = new SoftmaxLayout(1024, periodsPerRow * (1 << (int)Math.Ceiling(Math.Log2(c))), c);
        var b = EmulatedBackend.Create(HeParameters.Create(1024, 12), bootstrapMinLevel: 0);
        var rows = RandomRows(new Random(c), layout.Rows, c, 60);
        var got = RunCircuit(b, layout, rows, 12, new RefreshPolicy(b.Evaluator));
        var expected = new double[c];
        for (int r = 0; r < rows.Count; r++)
        {
            SoftmaxApproximation.ReferenceRow(rows[r], expected);
            for (int j = 0; j < c; j++) Assert.Equal(expected[j], got[r][j], 1e-12);
        }
    }

    [Theory]
    [InlineData(10, 2)]
    [InlineData(7, 4)]
    public void MlpSettingsCircuitEqualsFloat64Reference(int c, int periodsPerRow)
    {
        // r = 16, n = 4 (the MLP's softmax): same algorithm, other constants; logits up to ±120 of R_max = 128.
        var settings = SoftmaxSettings.Mlp;
        var layout = new SoftmaxLayout(1024, periodsPerRow * (1 << (int)Math.Ceiling(Math.Log2(c))), c);
        var b = EmulatedBackend.Create(HeParameters.Create(1024, 12), bootstrapMinLevel: 0);
        var rows = RandomRows(new Random(c), layout.Rows, c, 120);
        var profiler = new StageProfiler(b.Evaluator);
        var got = RunCircuit(b, layout, rows, 12, new RefreshPolicy(b.Evaluator), profiler, settings);
        var expected = new double[c];
        for (int r = 0; r < rows.Count; r++)
        {
            SoftmaxApproximation.ReferenceRow(rows[r], expected, settings);
            for (int j = 0; j < c; j++) Assert.Equal(expected[j], got[r][j], 1e-12);
        }
        // 4 domain-extension steps instead of 5 (2 Mult each), one squaring more in exp.
        Assert.Equal(8, (int)profiler.Counts["softmax.de"][OpKind.Mult]);
    }

    [Fact]
    public void HetalSettingsAreTheDefaultBitForBit()
    {
        var rng = new Random(5);
        var a = new double[10];
        var b = new double[10];
        for (int t = 0; t < 200; t++)
        {
            var z = Enumerable.Range(0, 10).Select(_ => (rng.NextDouble() * 2 - 1) * 100).ToArray();
            SoftmaxApproximation.ReferenceRow(z, a);
            SoftmaxApproximation.ReferenceRow(z, b, SoftmaxSettings.Hetal);
            Assert.Equal(a, b);
        }
        Assert.Equal(128, SoftmaxSettings.Hetal.RMax);
        Assert.Equal(3, SoftmaxSettings.Hetal.ExpSquarings);
        Assert.Equal(128, SoftmaxSettings.Mlp.RMax);
        Assert.Equal(4, SoftmaxSettings.Mlp.ExpSquarings);
        Assert.Throws<ArgumentException>(() => new SoftmaxSettings(12, 4));
    }

    [Fact]
    public void MlpSettingsRemoveHetalsProbabilityFloorAndStayAccurate()
    {
        // The reason for r = 16 (docs/scratch.md): with r = 8 every class keeps ≈ e^−(6.5…8) after domain extension, so the
        // true class never gets p > 0.997 whatever the margin and the cross-entropy gradient never vanishes.
        // Measured: r = 8: 1 − p_y = 2.4e-3 … 9.1e-3 for margins 10 … 128; r = 16: 7.6e-4 at 10, ≤ 3.2e-6 from 20 on.
        var z = new double[10];
        var p = new double[10];
        foreach (double margin in new[] { 20.0, 40, 80, 128 })
        {
            for (int j = 0; j < 10; j++) z[j] = j == 3 ? margin / 2 : -margin / 2;
            SoftmaxApproximation.ReferenceRow(z, p, SoftmaxSettings.Hetal);
            Assert.True(1 - p[3] > 2e-3, $"HETAL r = 8, margin {margin}: 1 − p_y = {1 - p[3]:E2}");
            SoftmaxApproximation.ReferenceRow(z, p, SoftmaxSettings.Mlp);
            Assert.True(1 - p[3] < 1e-5, $"MLP r = 16, margin {margin}: 1 − p_y = {1 - p[3]:E2}");
        }
        // Accuracy against the exact softmax on random logits in ±4 … ±128 (measured max 3.8e-3; HETAL's r = 8: 1.5e-2).
        var rng = new Random(1);
        var exact = new double[10];
        double worst = 0;
        for (int t = 0; t < 20_000; t++)
        {
            double range = new[] { 4.0, 16, 64, 128 }[t % 4];
            for (int j = 0; j < 10; j++) z[j] = (2 * rng.NextDouble() - 1) * range;
            SoftmaxApproximation.ReferenceRow(z, p, SoftmaxSettings.Mlp);
            SoftmaxApproximation.ExactRow(z, exact);
            for (int j = 0; j < 10; j++) worst = Math.Max(worst, Math.Abs(p[j] - exact[j]));
        }
        output.WriteLine($"max |p − softmax| (r = 16, n = 4): {worst:E3}");
        Assert.True(worst < 5e-3, $"max |p − softmax| = {worst}");
    }

    [Fact]
    public void StageCountsMatchSpecValidation()
    {
        // spec-validation §2.2 (c = 10 → 16, input = DiagABT output at level 9, 12 levels, planned policy, floor 0).
        var layout = new SoftmaxLayout(1024, 32, 10);
        var b = EmulatedBackend.Create(HeParameters.Create(1024, 12), bootstrapMinLevel: 0);
        var profiler = new StageProfiler(b.Evaluator);
        var policy = new RefreshPolicy(b.Evaluator);
        RunCircuit(b, layout, RandomRows(new Random(1), 32, 10, 15), 9, policy, profiler);
        void Check(string stage, int mult, int cmult, int rot, int cnst, int boot)
        {
            var c = profiler.Counts[stage];
            Assert.Equal((mult, cmult, rot, cnst, boot),
                ((int)c[OpKind.Mult], (int)c[OpKind.CMult], (int)c[OpKind.Rot], (int)c[OpKind.Const], (int)c[OpKind.Refresh]));
        }
        Check("softmax.max", 64, 1, 8, 48, 4);
        Check("softmax.de", 10, 0, 0, 5, 1);
        Check("softmax.exp", 9, 5, 0, 0, 1); // spec-validation: CMult 7; see docs/hetal.md (constant terms are free adds here)
        Check("softmax.sum", 0, 0, 4, 0, 0);
        Check("softmax.inverse", 32, 1, 0, 1, 3);
        Check("softmax.product", 1, 0, 0, 0, 0);
        Assert.Equal(9, policy.Count);
    }

    [Fact]
    public void DepthWithoutRefreshIs77ForSixteenClasses()
    {
        var layout = new SoftmaxLayout(1024, 32, 10);
        var b = EmulatedBackend.Create(HeParameters.Create(1024, 100));
        var ct = b.Client.Encrypt(SoftmaxCircuit.PackLogits(layout, RandomRows(new Random(2), 4, 10, 8)), 100);
        var p = SoftmaxCircuit.Evaluate(b.Evaluator, ct, layout, new RefreshPolicy(b.Evaluator, enabled: false));
        Assert.Equal(77, Depth.Consumed(100, p));
    }

    [Fact]
    public void WithoutBroadcastOfTheMaxTheErrorWouldExplode()
    {
        // Guard for spec-validation §2.3a: per-column maxima differ; the reference (column 0 broadcast) is accurate.
        var rows = RandomRows(new Random(9), 200, 10, 8);
        var p = new double[10];
        var ex = new double[10];
        double worst = 0;
        foreach (var z in rows)
        {
            SoftmaxApproximation.ReferenceRow(z, p);
            SoftmaxApproximation.ExactRow(z, ex);
            for (int j = 0; j < 10; j++) worst = Math.Max(worst, Math.Abs(p[j] - ex[j]));
        }
        Assert.InRange(worst, 1e-4, 2e-2);
    }

    /// <summary>
    /// Reproduces the "normal" column of the error table (spec §2.5, spec-validation §2.3) with 10 240 rows per range
    /// (the paper used 10^6): averages must agree within 10 %, maxima (sample extremes) within [−35 %, +10 %].
    /// </summary>
    [Theory]
    [InlineData(3, 3.7e-3, 1.5e-3, 3.7e-3, 1.4e-3)]
    [InlineData(7, 7.2e-3, 2.9e-3, 8.5e-3, 2.9e-3)]
    [InlineData(10, 1.5e-2, 4.2e-3, 2.0e-2, 3.9e-3)]
    public void ErrorTableReproduced(int c, double maxSmall, double avgSmall, double maxAll, double avgAll)
    {
        int cPad = 1 << (int)Math.Ceiling(Math.Log2(c));
        var layout = new SoftmaxLayout(32768, 2 * cPad, c);
        var b = EmulatedBackend.Create(HeParameters.Create(32768, 12), bootstrapMinLevel: 0);
        var rng = new Random(1000 + c);
        int perRange = 10240;
        var stats = new Dictionary<double, (double Max, double Sum)>();
        var exact = new double[c];
        foreach (double range in new[] { 4.0, 8.0, 32.0, 128.0 })
        {
            double mx = 0, sum = 0;
            for (int done = 0; done < perRange; done += layout.Rows)
            {
                var rows = RandomRows(rng, Math.Min(layout.Rows, perRange - done), c, range);
                var got = RunCircuit(b, layout, rows, 12, new RefreshPolicy(b.Evaluator));
                for (int r = 0; r < rows.Count; r++)
                {
                    SoftmaxApproximation.ExactRow(rows[r], exact);
                    double e = 0;
                    for (int j = 0; j < c; j++) e = Math.Max(e, Math.Abs(got[r][j] - exact[j]));
                    mx = Math.Max(mx, e);
                    sum += e;
                }
            }
            stats[range] = (mx, sum);
        }
        double smallMax = Math.Max(stats[4].Max, stats[8].Max);
        double smallAvg = (stats[4].Sum + stats[8].Sum) / (2 * perRange);
        double allMax = stats.Values.Max(s => s.Max);
        double allAvg = stats.Values.Sum(s => s.Sum) / (4 * perRange);
        output.WriteLine($"c={c}: {{4,8}} max {smallMax:E2} avg {smallAvg:E2}; {{4,8,32,128}} max {allMax:E2} avg {allAvg:E2}");
        Assert.InRange(smallAvg, 0.9 * avgSmall, 1.1 * avgSmall);
        Assert.InRange(allAvg, 0.9 * avgAll, 1.1 * avgAll);
        Assert.InRange(smallMax, 0.65 * maxSmall, 1.1 * maxSmall);
        Assert.InRange(allMax, 0.65 * maxAll, 1.1 * maxAll);
    }
}
