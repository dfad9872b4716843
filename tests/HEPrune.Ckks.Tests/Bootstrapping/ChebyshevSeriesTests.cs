using HEPrune.Ckks.Bootstrapping;

namespace HEPrune.Ckks.Tests.Bootstrapping;

public sealed class ChebyshevSeriesTests
{
    [Fact]
    public void InterpolatesPolynomialsExactly()
    {
        // 4x³ − 3x = T_3(x): the interpolant of degree 5 must be exactly c_3 = 1.
        ChebyshevSeries p = ChebyshevSeries.Interpolate(x => 4 * x * x * x - 3 * x, 5);
        for (int k = 0; k <= 5; k++)
        {
            Assert.Equal(k == 3 ? 1.0 : 0.0, p.Coefficients[k], 12);
        }
    }

    [Fact]
    public void PresetCosineMeetsItsDocumentedError()
    {
        EvalModParameters e = BootstrappingPresets.InsecureTestN10.EvalMod;
        var mod = new EvalMod(e);
        double a = 2 * Math.PI * e.Normalization / Math.Pow(2, e.DoubleAngleSteps);
        Assert.True(mod.Series.MaxError(x => Math.Cos(a * x)) < Math.Pow(2, -45));

        // Whole circuit in float64 against sin(2πt) for |t| ≤ K.
        double max = 0;
        for (int i = 0; i <= 20000; i++)
        {
            double t = -e.K + 2.0 * e.K * i / 20000;
            max = Math.Max(max, Math.Abs(mod.Reference(t) - Math.Sin(2 * Math.PI * t)));
        }

        Assert.True(max < Math.Pow(2, -40), $"EvalMod reference error 2^{Math.Log2(max):F1}");
    }

    [Fact]
    public void EvenPartComposesWithT2()
    {
        ChebyshevSeries p = ChebyshevSeries.Interpolate(x => Math.Cos(3 * x), 20);
        ChebyshevSeries g = p.EvenPart(1e-12);
        foreach (double x in new[] { -0.9, -0.3, 0.1, 0.77 })
        {
            Assert.Equal(p.Evaluate(x), g.Evaluate(2 * x * x - 1), 12);
        }

        Assert.Throws<InvalidOperationException>(() => ChebyshevSeries.Interpolate(Math.Sin, 9).EvenPart());
    }
}
