using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;

namespace HEPrune.Core.Tests.Circuits;

public class ComparisonTests
{
    [Fact]
    public void SignCompositeApproximatesSignAwayFromZero()
    {
        for (double d = -1; d <= 1; d += 1.0 / 256)
        {
            if (Math.Abs(d) < 0.06) continue;
            // f∘g∘g: error ≤ 1.26e-2 (worst near |d| = 0.167) once |d| ≥ 0.06; it degrades below ~0.05.
            Assert.Equal(Math.Sign(d), Comparison.SignReference(d), 1.3e-2);
        }
    }

    [Fact]
    public void EncryptedMaxMatchesReferenceAndCostsOneRound()
    {
        var p = HeParameters.Create(256, 12);
        var b = EmulatedBackend.Create(p, bootstrapMinLevel: 0);
        var rng = new Random(5);
        var a = Enumerable.Range(0, 256).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var c = Enumerable.Range(0, 256).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var policy = new RefreshPolicy(b.Evaluator);
        var m = Comparison.Max(b.Evaluator, b.Client.Encrypt(new SlotVector(a), 12), b.Client.Encrypt(new SlotVector(c), 12), policy);
        var dec = b.Client.Decrypt(m).Real;
        for (int i = 0; i < 256; i++)
        {
            Assert.Equal(Comparison.MaxReference(a[i], c[i]), dec[i], 1e-13);
            Assert.Equal(Math.Max(a[i], c[i]), dec[i], Math.Abs(a[i] - c[i]) < 0.06 ? 0.03 : 0.0065 * Math.Abs(a[i] - c[i]));
        }
        Assert.Equal(2, m.Level);
        Assert.Equal(16, b.Evaluator.Counter[OpKind.Mult]);
        Assert.Equal(12, b.Evaluator.Counter[OpKind.Const]);
        Assert.Equal(0, policy.Count);
    }

    [Fact]
    public void GoldschmidtConvergesToInverse()
    {
        foreach (double s in new[] { 1.0, 1.5, 3.0, 10.0, 40.0 })
            Assert.Equal(1 / s, GoldschmidtInverse.Reference(s / 100), 1e-9);
        var b = EmulatedBackend.Create(HeParameters.Create(16, 12), bootstrapMinLevel: 0);
        var policy = new RefreshPolicy(b.Evaluator);
        var q = b.Client.Encrypt(SlotVector.Filled(16, 0.05), 12);
        var t = GoldschmidtInverse.Evaluate(b.Evaluator, q, policy);
        Assert.Equal(GoldschmidtInverse.Reference(0.05), b.Client.Decrypt(t).Real[3], 1e-15);
        Assert.Equal(32, b.Evaluator.Counter[OpKind.Mult]);
        Assert.Equal(1, b.Evaluator.Counter[OpKind.Const]);
        Assert.Equal(2, policy.Count); // t and e once each, after the 11th iteration
    }

    [Fact]
    public void GoldschmidtDepthIsOnePlusIterations()
    {
        var b = EmulatedBackend.Create(HeParameters.Create(16, 40));
        var policy = new RefreshPolicy(b.Evaluator, enabled: false);
        var t = GoldschmidtInverse.Evaluate(b.Evaluator, b.Client.Encrypt(SlotVector.Filled(16, 0.05), 40), policy);
        Assert.Equal(17, Depth.Consumed(40, t));
    }
}
