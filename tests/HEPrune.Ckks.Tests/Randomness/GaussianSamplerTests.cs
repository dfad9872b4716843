using System.Numerics;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Randomness;

namespace HEPrune.Ckks.Tests.Randomness;

/// <summary>The constant-time CDT Gaussian sampler against the discrete Gaussian computed here from its definition.</summary>
public class GaussianSamplerTests
{
    private const int Bound = Sampler.GaussianBound;

    /// <summary>P(X = x) ∝ exp(−x²/2σ²) on [−19, 19], computed independently of the library's table.</summary>
    private static double[] ReferenceProbabilities()
    {
        var p = new double[2 * Bound + 1];
        double z = 0;
        for (int x = -Bound; x <= Bound; x++)
        {
            p[x + Bound] = Math.Exp(-x * x / (2 * Sampler.Sigma * Sampler.Sigma));
            z += p[x + Bound];
        }

        for (int i = 0; i < p.Length; i++)
        {
            p[i] /= z;
        }

        return p;
    }

    [Fact]
    public void TableEncodesTheDiscreteGaussianToDoublePrecision()
    {
        double[] p = ReferenceProbabilities();
        ReadOnlySpan<ulong> t = GaussianTable.Thresholds;
        Assert.Equal(Bound, t.Length);
        ulong previous = 0;
        for (int k = 0; k < Bound; k++)
        {
            Assert.True(t[k] > previous && t[k] < 1UL << 63, $"threshold {k} out of order");
            double mass = (double)(t[k] - previous) / 9.2233720368547758e18;
            double expected = k == 0 ? p[Bound] : 2 * p[Bound + k];
            Assert.True(Math.Abs(mass - expected) <= 1e-18 + 1e-12 * expected, $"|X| = {k}: table mass {mass}, expected {expected}");
            previous = t[k];
        }

        double last = (double)((1UL << 63) - previous) / 9.2233720368547758e18;
        Assert.True(Math.Abs(last - 2 * p[2 * Bound]) <= 1e-18 + 1e-12 * p[2 * Bound], $"|X| = {Bound}: mass {last}");
        Assert.Equal(p[Bound + 3], GaussianTable.Probability(3), 15);
        Assert.Equal(0, GaussianTable.Probability(Bound + 1));
    }

    [Fact]
    public void SamplesHaveTheExpectedMeanVarianceFrequenciesAndBoundedTails()
    {
        const int n = 1 << 20;
        double[] p = ReferenceProbabilities();
        double variance = 0, fourth = 0;
        for (int x = -Bound; x <= Bound; x++)
        {
            variance += (double)x * x * p[x + Bound];
            fourth += Math.Pow(x, 4) * p[x + Bound];
        }

        Assert.InRange(variance, 3.2 * 3.2 * 0.999, 3.2 * 3.2 * 1.001); // a discrete Gaussian of parameter 3.2 has variance ≈ σ²

        var samples = new long[n];
        using var prng = new CsPrng(new byte[CsPrng.SeedSize]);
        Sampler.Gaussian(prng, samples);

        var counts = new long[2 * Bound + 1];
        double sum = 0, sumSq = 0;
        foreach (long s in samples)
        {
            Assert.InRange(s, -Bound, Bound);
            counts[s + Bound]++;
            sum += s;
            sumSq += (double)s * s;
        }

        double mean = sum / n, var = sumSq / n - mean * mean;
        Assert.True(Math.Abs(mean) < 5 * Math.Sqrt(variance / n), $"mean {mean}");
        Assert.True(Math.Abs(var - variance) < 5 * Math.Sqrt((fourth - variance * variance) / n), $"variance {var}, expected {variance}");
        for (int x = -8; x <= 8; x++)
        {
            double px = p[x + Bound], freq = (double)counts[x + Bound] / n;
            Assert.True(Math.Abs(freq - px) < 5 * Math.Sqrt(px * (1 - px) / n), $"P({x}) = {freq}, expected {px}");
        }

        double tail = 0;
        long tailCount = 0;
        for (int x = 10; x <= Bound; x++)
        {
            tail += 2 * p[x + Bound];
            tailCount += counts[Bound + x] + counts[Bound - x];
        }

        Assert.True(tailCount <= tail * n + 5 * Math.Sqrt(tail * n) + 1, $"{tailCount} samples with |x| ≥ 10, expected ≈ {tail * n:F1}");
    }

    [Fact]
    public void SameSeedGivesSameSamplesAndDifferentSeedsDiffer()
    {
        var a = new long[4096];
        var b = new long[4096];
        var c = new long[4096];
        byte[] seed = new byte[CsPrng.SeedSize];
        using (var p = new CsPrng(seed)) { Sampler.Gaussian(p, a); }
        using (var p = new CsPrng(seed)) { Sampler.Gaussian(p, b); }
        seed[0] = 1;
        using (var p = new CsPrng(seed)) { Sampler.Gaussian(p, c); }
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void ConstantTimeFromSignedMatchesBigInteger()
    {
        var m = new Modulus(Primes.GenerateNttPrimes(50, 1, 1024)[0]);
        long q = (long)m.Value;
        var rng = new Random(11);
        var xs = new List<long> { 0, 1, -1, 19, -19, q, -q, q - 1, -q + 1, q + 1, -q - 1, long.MaxValue, long.MinValue, long.MinValue + 1 };
        for (int i = 0; i < 1000; i++)
        {
            xs.Add(rng.NextInt64(long.MinValue, long.MaxValue));
            xs.Add(rng.NextInt64(-40, 40));
        }

        foreach (long x in xs)
        {
            BigInteger expected = ((BigInteger)x % q + q) % q;
            Assert.Equal((ulong)expected, m.FromSigned(x));
        }
    }
}
