using System.Numerics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;
using Xunit.Abstractions;

namespace HEPrune.Ckks.Tests.Bootstrapping;

/// <summary>The baby-step giant-step Chebyshev evaluation: value vs float64, exact output level and scale, product counts.</summary>
public sealed class ChebyshevEvaluatorTests(BootstrappingFixture f, ITestOutputHelper output) : IClassFixture<BootstrappingFixture>
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(31)]
    public void EvaluatesTheSeriesAtTheExactLevelAndScale(int degree)
    {
        var rng = new Random(degree + 100);
        var c = new double[degree + 1];
        for (int k = 0; k <= degree; k++)
        {
            c[k] = (2 * rng.NextDouble() - 1) / (k + 1); // decaying, as interpolants of smooth functions
        }

        var series = new ChebyshevSeries(c);
        var x = new Complex[f.Parameters.Slots];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = 2 * rng.NextDouble() - 1;
        }

        int level = f.Parameters.MaxLevel - 3; // the EvalMod primes (60 bits) lie below
        double scale = Math.Pow(2, f.Config.EvalMod.LogScale);
        Ciphertext ct = f.Encryptor.Encrypt(f.Encoder.Encode(x, level, scale));
        Ciphertext y = ChebyshevEvaluator.Evaluate(f.Evaluator, ct, series, scale);
        Assert.Equal(level - ChebyshevEvaluator.Depth(degree), y.Level);
        Assert.Equal(scale, y.Scale);
        Complex[] got = f.Decrypt(y);
        double max = 0;
        for (int i = 0; i < x.Length; i++)
        {
            max = Math.Max(max, Complex.Abs(got[i] - series.Evaluate(x[i].Real)));
        }

        output.WriteLine($"degree {degree}: 2^{Math.Log2(max):F1} ({ChebyshevEvaluator.ProductCount(degree)} products)");
        Assert.True(max < Math.Pow(2, -30), $"2^{Math.Log2(max):F1}");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]  // baby T_2 (BabyMax 3 but degree 2)
    [InlineData(3, 2)]  // T_2, T_3
    [InlineData(8, 5)]  // babies T_2, T_3; giants T_4, T_8; divisions by T_8 and (remainder, degree 7) by T_4
    [InlineData(20, 10)] // babies T_2..T_7 (6); giants T_8, T_16 (2); divisions by T_16 and, for the remainder, T_8 (2)
    public void ProductCountIsTheBabyStepGiantStepCount(int degree, int products)
    {
        Assert.Equal(products, ChebyshevEvaluator.ProductCount(degree));
        Assert.True(products <= Math.Max(0, degree - 1));
    }
}
