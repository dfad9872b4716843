using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Packing;
using HEPrune.Core.Training.Mlp;

namespace HEPrune.Core.Tests.Training.Mlp;

/// <summary>Δ·W for backpropagation against a schoolbook product, with its operation counts and depth.</summary>
public class DiagAbTests
{
    [Theory]
    [InlineData(32768, 128, 129, 128)] // the paper's layer 2: c = 128, d = 128 + bias
    [InlineData(32768, 128, 129, 10)]  // the paper's layer 3: c = 10 → 16
    [InlineData(1024, 16, 9, 3)]       // small: c = 3 → 4, s1 = 64
    public void ProductEqualsSchoolbookWithTheStatedCountsAndDepth(int slots, int batch, int d, int c)
    {
        var backend = EmulatedBackend.Create(HeParameters.Create(slots, 12));
        var layout = new BlockLayout(slots, batch, d, c);
        var rng = new Random(d + c);
        var delta = new double[batch, c];
        var w = new double[c, d];
        for (int r = 0; r < batch; r++) for (int i = 0; i < c; i++) delta[r, i] = rng.NextDouble() * 2 - 1;
        for (int i = 0; i < c; i++) for (int j = 0; j < d; j++) w[i, j] = rng.NextDouble() * 2 - 1;
        // Δ tiled horizontally with period c_pad over the whole row (padded classes 0).
        var dv = new double[slots];
        for (int r = 0; r < batch; r++)
            for (int col = 0; col < layout.S1; col++)
                if (col % layout.PaddedClasses < c) dv[layout.Index(r, col)] = delta[r, col % layout.PaddedClasses];
        var dct = backend.Client.Encrypt(new SlotVector(dv), 12);
        var wct = backend.Client.Encrypt(BlockEncoder.EncodeTiledWeights(layout, w)[0], 12);
        var before = backend.Evaluator.Counter.Snapshot();
        var o = DiagAb.Multiply(backend.Evaluator, dct, wct, layout);
        var ops = backend.Evaluator.Counter.Since(before);
        var got = backend.Client.Decrypt(o);

        double err = 0;
        for (int r = 0; r < batch; r++)
            for (int g = 0; g <= layout.S1 - layout.PaddedClasses && g < d; g++)
            {
                double s = 0;
                for (int i = 0; i < c; i++) s += delta[r, i] * w[i, g];
                err = Math.Max(err, Math.Abs(got.Real[layout.Index(r, g)] - s));
                Assert.Equal(0, got.Imag![layout.Index(r, g)], 12);
            }
        Assert.True(err < 1e-12, $"max error {err}");
        int half = layout.PaddedClasses / 2, log = Depth.CeilLog2(layout.PaddedClasses);
        Assert.Equal(half, ops[OpKind.CMult]);
        Assert.Equal(half, ops[OpKind.Mult]);
        Assert.Equal(1 + half * log + half - 1, ops[OpKind.Rot]);
        Assert.Equal(1, ops[OpKind.Conj]);
        Assert.Equal(10, o.Level); // depth 2 on Δ (mask, product), 1 on W
    }
}
