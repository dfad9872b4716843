using HEPrune.Core.Circuits;

namespace HEPrune.Core.Tests.Training.Mlp;

/// <summary>The polynomial ReLU: its error on the interval, that it is the least-squares fit, and its derivative.</summary>
public class ReluApproximationTests
{
    [Theory]
    [InlineData(4.0)]
    [InlineData(8.0)]
    public void DegreeTwoErrorOnItsIntervalIs3RDividedBy32AtZero(double r)
    {
        var a = ReluApproximation.LeastSquares2(r);
        double err = a.MaxErrorOnInterval();
        Assert.Equal(3 * r / 32, err, 12); // |relu − R·q| peaks at z = 0
        Assert.Equal(3 * r / 32, Math.Abs(a.Activate(0)), 12);
        Assert.Equal(r / 16, Math.Abs(a.Activate(r) - r), 12); // 0.25 at the ends for R = 4
        Assert.Equal(r / 16, Math.Abs(a.Activate(-r)), 12);
    }

    [Fact]
    public void DefaultIsHetalsMaxCompositeOnMinus64To64()
    {
        var a = ReluApproximation.Default;
        Assert.True(a.IsComparisonComposite);
        Assert.False(a.HasExactDerivative);
        Assert.Equal(64, a.Radius);
        Assert.Equal(10, a.Depth);
        Assert.Equal(9, a.DerivativeDepth);
        Assert.Throws<InvalidOperationException>(() => a.Normalized);
        // relu(z) = R·max(z/R, 0) with the max HETAL's softmax uses (its float64 reference), derivative = the step s.
        for (double z = -64; z <= 64; z += 0.173)
        {
            Assert.Equal(64 * Comparison.MaxReference(z / 64, 0), a.Activate(z), 1e-12);
            Assert.Equal((Comparison.SignReference(z / 64) + 1) / 2, a.Derivative(z), 1e-12);
        }
    }

    [Fact]
    public void CompositeErrorOnItsInterval()
    {
        // Measured on [−64, 64] (step 0.001): exact at 0; ≤ 0.197 for |z| < 4 (the transition around 0 is ≈ R/44 wide);
        // for |z| ≥ 4 the error is |z|·|step − [z > 0]| ≤ 0.0063·|z| (the sign composite's ripple), so the maximum,
        // 0.3264, is near the ends (z ≈ −58). The step s stays in [0, 1].
        var a = ReluApproximation.HetalMax(64);
        double err = a.MaxErrorOnInterval();
        Assert.InRange(err, 0.32, 0.33);
        Assert.Equal(0, a.Activate(0));
        for (double z = -64; z <= 64; z += 0.01)
        {
            double e = Math.Abs(Math.Max(z, 0) - a.Activate(z));
            double bound = Math.Abs(z) < 4 ? 0.2 : 0.0065 * Math.Abs(z);
            Assert.True(e < bound, $"error {e} at z = {z} (bound {bound})");
            Assert.InRange(a.Derivative(z), 0, 1);
        }
        // Half the radius halves the error (it scales with R: relu(z) = R·max(z/R, 0)).
        Assert.Equal(err / 2, ReluApproximation.HetalMax(32).MaxErrorOnInterval(), 3);
    }

    [Fact]
    public void DegreeFourErrorOnItsIntervalIs15RDividedBy256()
    {
        var a = ReluApproximation.LeastSquares4(8);
        Assert.Equal(15 * 8.0 / 256, a.MaxErrorOnInterval(), 9);
        Assert.Equal(3, a.Depth);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void TheFitsAreTheLeastSquaresProjections(int degree)
    {
        // The residual relu(x) − q(x) is orthogonal to 1, x, …, x^degree on [−1, 1] (composite Simpson, 2·10^5 panels).
        var q = (degree == 2 ? ReluApproximation.LeastSquares2(1) : ReluApproximation.LeastSquares4(1)).Normalized;
        const int n = 200_000;
        for (int k = 0; k <= degree; k++)
        {
            double sum = 0, h = 2.0 / n;
            for (int i = 0; i <= n; i++)
            {
                double x = -1 + i * h;
                double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
                sum += w * (Math.Max(x, 0) - q.Evaluate(x)) * Math.Pow(x, k);
            }
            Assert.True(Math.Abs(sum * h / 3) < 1e-9, $"<residual, x^{k}> = {sum * h / 3}");
        }
    }

    [Fact]
    public void DerivativeIsTheActivationsDerivative()
    {
        var a = ReluApproximation.LeastSquares4(6);
        for (double z = -9; z <= 9; z += 0.37)
        {
            double h = 1e-5;
            double numeric = (a.Activate(z + h) - a.Activate(z - h)) / (2 * h);
            Assert.Equal(numeric, a.Derivative(z), 7);
        }
    }
}
