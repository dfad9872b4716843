using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;

namespace HEPrune.Core.Tests.Circuits;

public class PolynomialEvaluatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(27)]
    public void EqualsHornerAtMinimalDepth(int degree)
    {
        var rng = new Random(degree);
        var coef = Enumerable.Range(0, degree + 1).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var p = new Polynomial(coef);
        var b = EmulatedBackend.Create(HeParameters.Create(64, 30));
        var xs = Enumerable.Range(0, 64).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var ct = b.Client.Encrypt(new SlotVector(xs), 30);
        var y = PolynomialEvaluator.Evaluate(b.Evaluator, ct, p);
        int expectedDepth = (int)Math.Ceiling(Math.Log2(degree + 1));
        Assert.Equal(expectedDepth, Depth.Consumed(30, y));
        Assert.Equal(expectedDepth, PolynomialEvaluator.DepthOf(p));
        var dec = b.Client.Decrypt(y).Real;
        for (int i = 0; i < xs.Length; i++) Assert.Equal(p.Evaluate(xs[i]), dec[i], 1e-12);
    }

    [Fact]
    public void OddDegreeSevenCostsFiveMultFourConst()
    {
        var b = EmulatedBackend.Create(HeParameters.Create(16, 12));
        var ct = b.Client.Encrypt(SlotVector.Filled(16, 0.3), 12);
        var y = PolynomialEvaluator.Evaluate(b.Evaluator, ct, Comparison.G);
        Assert.Equal(9, y.Level);
        Assert.Equal(5, b.Evaluator.Counter[OpKind.Mult]);
        Assert.Equal(4, b.Evaluator.Counter[OpKind.Const]);
        Assert.Equal(0, b.Evaluator.Counter[OpKind.CMult]);
        Assert.Equal(Comparison.G.Evaluate(0.3), b.Client.Decrypt(y).Real[5], 1e-13);
    }

    [Fact]
    public void MaskIsFoldedWithoutExtraDepth()
    {
        var b = EmulatedBackend.Create(HeParameters.Create(16, 12));
        var xs = Enumerable.Range(0, 16).Select(i => -i / 16.0).ToArray();
        var mask = Enumerable.Range(0, 16).Select(i => i % 3 == 0 ? 0.0 : 1.0).ToArray();
        var y = PolynomialEvaluator.Evaluate(b.Evaluator, b.Client.Encrypt(new SlotVector(xs), 12), SoftmaxApproximation.Exp, mask);
        Assert.Equal(8, y.Level);
        // Exp has degree 8: x², x⁴, x⁸ plus 3 products; c1, c3, c5, c7 and c8 multiply a power (masked → CMult).
        Assert.Equal(6, b.Evaluator.Counter[OpKind.Mult]);
        Assert.Equal(5, b.Evaluator.Counter[OpKind.CMult]);
        Assert.Equal(0, b.Evaluator.Counter[OpKind.Const]);
        var dec = b.Client.Decrypt(y).Real;
        for (int i = 0; i < 16; i++) Assert.Equal(mask[i] * SoftmaxApproximation.Exp.Evaluate(xs[i]), dec[i], 1e-14);
    }

    [Fact]
    public void FailsWithoutEnoughLevels()
    {
        var b = EmulatedBackend.Create(HeParameters.Create(16, 12));
        var ct = b.Client.Encrypt(SlotVector.Filled(16, 0.3), 2);
        Assert.Throws<LevelExhaustedException>(() => PolynomialEvaluator.Evaluate(b.Evaluator, ct, Comparison.F));
        Assert.Throws<ArgumentException>(() => PolynomialEvaluator.Evaluate(b.Evaluator, ct, new Polynomial(3.0)));
    }
}
