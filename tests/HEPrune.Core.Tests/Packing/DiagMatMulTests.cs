using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Packing;

namespace HEPrune.Core.Tests.Packing;

public class DiagMatMulTests
{
    private sealed record Case(HeBackend B, BlockLayout L, double[,] X, double[,] W, double[,] E,
        HeCiphertext[] Xc, HeCiphertext[] Wc, HeCiphertext Ec);

    private static double[,] Random2D(Random rng, int n, int m)
    {
        var a = new double[n, m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) a[i, j] = rng.NextDouble() * 2 - 1;
        return a;
    }

    private static Case Make(int slots, int a, int b, int c, int levels = 12, int levelX = 12, int levelW = 12, int levelE = 12)
    {
        var rng = new Random(a * 31 + b * 7 + c);
        var backend = EmulatedBackend.Create(HeParameters.Create(slots, levels));
        var layout = new BlockLayout(slots, a, b, c);
        var x = Random2D(rng, a, b);
        var w = Random2D(rng, c, b);
        var e = Random2D(rng, a, c);
        var xc = BlockEncoder.EncodeMatrix(layout, a, b, (r, col) => x[r, col]).Select(v => backend.Client.Encrypt(v, levelX)).ToArray();
        var wc = BlockEncoder.EncodeTiledWeights(layout, w).Select(v => backend.Client.Encrypt(v, levelW)).ToArray();
        var et = BlockEncoder.EncodeMatrix(layout, a, layout.S1, (r, col) => e[r, col % c])[0];
        return new Case(backend, layout, x, w, e, xc, wc, backend.Client.Encrypt(et, levelE));
    }

    public static IEnumerable<object[]> Table7Small => new[]
    {
        // a, b, c | ABT CMult, Mult, Rot | ATB CMult row1, row2, Mult, Rot row1, row2 | Bk (= ATB Conj)
        new object[] { 128, 128, 4, 4, 2, 34, 4, 4, 2, 18, 18, 1 },
        new object[] { 256, 256, 8, 8, 8, 64, 12, 15, 8, 72, 75, 2 },
        new object[] { 512, 769, 4, 4, 26, 50, 28, 40, 26, 238, 250, 13 },
    };

    public static IEnumerable<object[]> Table7Large => new[]
    {
        new object[] { 1024, 769, 8, 8, 100, 140, 104, 176, 100, 1008, 1080, 25 },
        new object[] { 2048, 769, 16, 16, 392, 456, 400, 736, 392, 4328, 4664, 49 },
    };

    [Theory]
    [MemberData(nameof(Table7Small))]
    public void CountsAndNumericsMatchHetalTable7(int a, int b, int c, int abtCMult, int abtMult, int abtRot,
        int atbCMult1, int atbCMult2, int atbMult, int atbRot1, int atbRot2, int bk)
        => CheckTable7Row(a, b, c, abtCMult, abtMult, abtRot, atbCMult1, atbCMult2, atbMult, atbRot1, atbRot2, bk);

    /// <summary>The two largest shapes (about 2 k and 10 k operations on 2^15 slots).</summary>
    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Table7Large))]
    public void CountsAndNumericsMatchHetalTable7Large(int a, int b, int c, int abtCMult, int abtMult, int abtRot,
        int atbCMult1, int atbCMult2, int atbMult, int atbRot1, int atbRot2, int bk)
        => CheckTable7Row(a, b, c, abtCMult, abtMult, abtRot, atbCMult1, atbCMult2, atbMult, atbRot1, atbRot2, bk);

    private static void CheckTable7Row(int a, int b, int c, int abtCMult, int abtMult, int abtRot,
        int atbCMult1, int atbCMult2, int atbMult, int atbRot1, int atbRot2, int bk)
    {
        var k = Make(32768, a, b, c);
        var ev = k.B.Evaluator;
        Assert.Equal(bk, k.L.FeatureBlocks);

        var before = ev.Counter.Snapshot();
        var z = DiagAbt.Multiply(ev, k.Xc, k.Wc, k.L);
        var cnt = ev.Counter.Since(before);
        Assert.Equal((abtCMult, abtMult, abtRot, 1L), (cnt[OpKind.CMult], cnt[OpKind.Mult], cnt[OpKind.Rot], cnt[OpKind.Conj]));
        Assert.Equal(9, z.Level);
        var zd = k.B.Client.Decrypt(z).Real;
        var zExact = new double[a, c];
        for (int r = 0; r < a; r++)
            for (int i = 0; i < c; i++)
                for (int f = 0; f < b; f++) zExact[r, i] += k.X[r, f] * k.W[i, f];
        double zErr = 0;
        for (int r = 0; r < a; r++)
            for (int j = 0; j < k.L.S1; j++) zErr = Math.Max(zErr, Math.Abs(zExact[r, j % c] - zd[k.L.Index(r, j)]));
        Assert.True(zErr < 1e-10, $"DiagABT max error {zErr}");

        foreach (var (variant, cm, rot, level) in new[] { (DiagAtbVariant.RotLeft, atbCMult1, atbRot1, 8), (DiagAtbVariant.PRotUp, atbCMult2, atbRot2, 9) })
        {
            before = ev.Counter.Snapshot();
            var g = DiagAtb.Multiply(ev, k.Ec, k.Xc, k.L, 1.0, variant);
            cnt = ev.Counter.Since(before);
            Assert.Equal((cm, atbMult, rot, (long)bk), (cnt[OpKind.CMult], cnt[OpKind.Mult], cnt[OpKind.Rot], cnt[OpKind.Conj]));
            Assert.All(g, ct => Assert.Equal(level, ct.Level));
            var blocks = g.Select(ct => k.B.Client.Decrypt(ct)).ToArray();
            var exact = new double[c, b];
            for (int s = 0; s < a; s++)
                for (int i = 0; i < c; i++)
                    for (int f = 0; f < b; f++) exact[i, f] += k.E[s, i] * k.X[s, f];
            double gErr = 0;
            for (int r = 0; r < k.L.S0; r++)
                for (int f = 0; f < b; f++)
                    gErr = Math.Max(gErr, Math.Abs(exact[r % c, f] - blocks[f / k.L.S1].Real[k.L.Index(r, f % k.L.S1)]));
            Assert.True(gErr < 1e-10, $"DiagATB {variant} max error {gErr}");
            Assert.All(blocks, v => Assert.All(v.Imag!, x => Assert.Equal(0.0, x)));
        }
    }

    [Fact]
    public void LevelRulePicksPRotUpWhenEIsLower()
    {
        Assert.Equal(DiagAtbVariant.RotLeft, DiagAtb.Choose(12, 12));
        Assert.Equal(DiagAtbVariant.PRotUp, DiagAtb.Choose(11, 12));
        var k = Make(1024, 32, 49, 10, levelE: 11);
        var before = k.B.Evaluator.Counter.Snapshot();
        var g = DiagAtb.Multiply(k.B.Evaluator, k.Ec, k.Xc, k.L);
        // PRotUp: CMult 1 + (c−1)·Bk with c = 16, Bk = ⌈49/32⌉ = 2.
        Assert.Equal(31, k.B.Evaluator.Counter.Since(before)[OpKind.CMult]);
        Assert.Equal(8, g[0].Level);
    }

    [Theory]
    [InlineData(40, 20, 17)] // W path: depth 3
    [InlineData(20, 40, 17)] // X path: depth 3
    public void DiagAbtDepthIsThreeOnBothInputs(int levelX, int levelW, int expected)
    {
        var k = Make(1024, 32, 49, 10, levels: 40, levelX: levelX, levelW: levelW);
        Assert.Equal(expected, DiagAbt.Multiply(k.B.Evaluator, k.Xc, k.Wc, k.L).Level);
    }

    [Theory]
    [InlineData(DiagAtbVariant.RotLeft, 40, 20, 18)] // X path: 2
    [InlineData(DiagAtbVariant.RotLeft, 20, 40, 16)] // E path: 4
    [InlineData(DiagAtbVariant.PRotUp, 40, 20, 17)]  // X path: 3
    [InlineData(DiagAtbVariant.PRotUp, 20, 40, 17)]  // E path: 3
    public void DiagAtbDepths(DiagAtbVariant variant, int levelE, int levelX, int expected)
    {
        var k = Make(1024, 32, 49, 10, levels: 40, levelX: levelX, levelE: levelE);
        Assert.All(DiagAtb.Multiply(k.B.Evaluator, k.Ec, k.Xc, k.L, 1.0, variant), ct => Assert.Equal(expected, ct.Level));
    }

    [Fact]
    public void LayoutFollowsHetal()
    {
        var l = new BlockLayout(32768, 128, 769, 10);
        Assert.Equal((128, 256, 4, 16), (l.S0, l.S1, l.FeatureBlocks, l.PaddedClasses));
        var cifar = new BlockLayout(32768, 2048, 769, 10);
        Assert.Equal((2048, 16, 49), (cifar.S0, cifar.S1, cifar.FeatureBlocks));
        var mask = new BlockLayout(32768, 512, 769, 3);
        Assert.Equal((512, 64, 13, 4), (mask.S0, mask.S1, mask.FeatureBlocks, mask.PaddedClasses));
        Assert.Throws<ArgumentException>(() => new BlockLayout(32768, 4096, 769, 16));
        Assert.Throws<ArgumentException>(() => BlockEncoder.EncodeOneHot(l, new[] { 0, 10 }));
    }
}
