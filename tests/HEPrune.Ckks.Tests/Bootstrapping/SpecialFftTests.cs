using System.Numerics;
using HEPrune.Ckks.Bootstrapping;

namespace HEPrune.Ckks.Tests.Bootstrapping;

public sealed class SpecialFftTests
{
    private static Complex[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = new Complex(2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1);
        }

        return v;
    }

    private static double MaxDiff(Complex[] a, Complex[] b)
    {
        double m = 0;
        for (int i = 0; i < a.Length; i++)
        {
            m = Math.Max(m, Complex.Abs(a[i] - b[i]));
        }

        return m;
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(64, 3)]
    [InlineData(512, 3)]
    [InlineData(512, 9)]
    public void SlotsToCoeffsFactorsTimesBitReversalEqualTheDefinition(int slots, int levels)
    {
        Complex[] u = Random(slots, 1);
        Complex[] expected = SpecialFft.DecodeReference(u);
        Complex[] z = SpecialFft.BitReverse(u);
        foreach (DiagonalMatrix m in SpecialFft.Factors(slots, levels, forward: true))
        {
            z = m.Apply(z);
        }

        Assert.True(MaxDiff(expected, z) < 1e-9 * slots, $"max diff {MaxDiff(expected, z)}");
    }

    [Theory]
    [InlineData(16, 2)]
    [InlineData(512, 3)]
    public void CoeffsToSlotsInvertsSlotsToCoeffs(int slots, int levels)
    {
        Complex[] z = Random(slots, 2);
        Complex[] w = z;
        foreach (DiagonalMatrix m in SpecialFft.Factors(slots, levels, forward: false))
        {
            w = m.Apply(w);
        }

        // w = R·A^−1·z: decoding the bit-reversed w must give z back.
        Complex[] back = SpecialFft.DecodeReference(SpecialFft.BitReverse(w));
        Assert.True(MaxDiff(z, back) < 1e-9 * slots, $"max diff {MaxDiff(z, back)}");
    }

    [Fact]
    public void MergedFactorHasTheExpectedBandOfDiagonals()
    {
        // Three merged butterflies with half-lengths 1, 2, 4 touch offsets −7..7; with 64, 128, 256 the offsets are the multiples of 64
        // mod 512 (±256 coincide), so 8 diagonals.
        DiagonalMatrix[] f = SpecialFft.Factors(512, 3, forward: true);
        Assert.Equal(15, f[0].Count);
        Assert.Equal(15, f[1].Count);
        Assert.Equal(8, f[2].Count);
    }

    [Fact]
    public void MultiplyMatchesSequentialApplication()
    {
        DiagonalMatrix a = SpecialFft.Stage(32, 2, inverse: false), b = SpecialFft.Stage(32, 4, inverse: true);
        Complex[] z = Random(32, 3);
        Assert.True(MaxDiff(a.Apply(b.Apply(z)), a.Multiply(b).Apply(z)) < 1e-12);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFft.Stage(12, 1, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFft.Stage(16, 5, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFft.Factors(16, 0, true));
    }
}
