using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Scheme;

/// <summary>The LWE cost estimate against the Homomorphic Encryption Standard's published 128-bit table.</summary>
public sealed class LweEstimatorTests
{
    private static readonly double SigmaTernary = Math.Sqrt(2.0 / 3.0);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    public void PutsTheStandardsTernaryBoundsAt128Bits(int logN)
    {
        // The HE standard's table (independent: Albrecht et al. 2018, in SecurityStandard) gives the largest integer log2 q
        // with 128-bit security for a uniform ternary secret and σ = 3.2. The estimate must cross 128 bits right there: at
        // least 128 (less 0.5 for the model's rounding) at the bound, below 128 once q grows by 1 % + 1 bit. (At N = 2^11
        // one bit of q moves the estimate by ≈ 2.7 bits, at N = 2^16 by ≈ 0.1, hence a relative step.)
        int n = 1 << logN;
        int bound = SecurityStandard.MaxLogQP128(logN);
        var atBound = LweEstimator.PrimalUsvp(n, bound, 3.2, SigmaTernary, n);
        Assert.False(atBound.AtLeast);
        Assert.InRange(atBound.Bits, 127.5, 131.0);
        var beyond = LweEstimator.PrimalUsvp(n, bound * 1.01 + 1, 3.2, SigmaTernary, n);
        Assert.True(beyond.Bits < 128, $"log q {bound * 1.01 + 1:F1}: {beyond.Bits:F1} bits (bound {bound}: {atBound.Bits:F1})");
        var wider = LweEstimator.PrimalUsvp(n, bound * 1.1, 3.2, SigmaTernary, n);
        Assert.True(wider.Bits < atBound.Bits - 5, $"10% more modulus: {wider.Bits:F1} vs {atBound.Bits:F1} bits");
    }

    [Fact]
    public void SparseSecretsAreWeakerThanDenseOnesAtTheSameModulus()
    {
        // N = 2^12 at the standard's bound: 128 bits dense; weight 32 is cheaper to attack by uSVP (smaller secret) and
        // drop-and-solve can only lower that further.
        var dense = LweEstimator.PrimalUsvp(4096, 109, 3.2, SigmaTernary, 4096);
        var sparse = LweEstimator.SparseTernary(4096, 109, 32);
        var sparseUsvp = LweEstimator.PrimalUsvp(4096, 109, 3.2, Math.Sqrt(32.0 / 4096), 4096);
        Assert.True(sparse.Bits < dense.Bits - 5, $"sparse {sparse.Bits:F1} vs dense {dense.Bits:F1}");
        Assert.True(sparse.Bits <= sparseUsvp.Bits);
        // Weight 2 in dimension 4096: exhaustive search over C(4096, 2)·4 ≈ 2^25 keys is trivial, and drop-and-solve finds
        // a cost of that order (a tiny lattice once most coordinates are guessed to be zero).
        var veryWeak = LweEstimator.SparseTernary(4096, 109, 2);
        Assert.True(veryWeak.Bits < 70, $"weight 2: {veryWeak.Bits:F1} bits");
        Assert.True(veryWeak.GuessBits > 0 && veryWeak.Dimension < 4096);
    }

    [Fact]
    public void BootstrappingEncapsulationKeyIsFarAbove128Bits()
    {
        // The s -> s' key of bootstrapping (docs/bootstrapping.md §2): N = 2^16, modulus q0·p0 of the N16 preset, h' = 32.
        var boot = HEPrune.Ckks.Bootstrapping.BootstrappingPresets.N16;
        double logQ0P0 = boot.Scheme.LogQ![0] + boot.Scheme.LogP![0]; // primes just below 2^50 and 2^56
        Assert.Equal((16, 106.0, 32), (boot.Scheme.LogN, logQ0P0, boot.EphemeralHammingWeight));
        var est = LweEstimator.SparseTernary(1 << boot.Scheme.LogN, logQ0P0, boot.EphemeralHammingWeight);
        // Documented in docs/bootstrapping.md §2: ≈ 213 bits (meet-in-the-middle on the key), drop-and-solve ≈ 220.
        Assert.True(est.Bits >= 200, $"{est.Bits:F1} bits (β {est.Beta}, dimension {est.Dimension}, guess {est.GuessBits:F1})");
        // The meet-in-the-middle bound is half of log2(C(n, h)·2^h): C(65536, 32)·2^32 ≈ 2^426.
        Assert.Equal((LweEstimator.Log2Binomial(65536, 32) + 32) / 2, LweEstimator.MeetInTheMiddleBits(65536, 32), 9);
        Assert.InRange(LweEstimator.MeetInTheMiddleBits(65536, 32), 212, 214);
    }

    [Fact]
    public void Log2BinomialMatchesSmallCases()
    {
        Assert.Equal(Math.Log2(10), LweEstimator.Log2Binomial(5, 2), 12);
        Assert.Equal(0, LweEstimator.Log2Binomial(7, 0), 12);
        Assert.Equal(0, LweEstimator.Log2Binomial(7, 7), 12);
        Assert.Equal(Math.Log2(2598960), LweEstimator.Log2Binomial(52, 5), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => LweEstimator.Log2Binomial(3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => LweEstimator.SparseTernary(16, 10, 17));
    }
}
