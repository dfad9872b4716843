using System.Numerics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Scheme;

public class CkksEncoderTests : IClassFixture<N10Fixture>
{
    private readonly CkksTestContext _t;

    public CkksEncoderTests(N10Fixture f) => _t = f.Ctx;

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void RoundTripAtEveryLevelIsPreciseTo30Bits(int level)
    {
        Complex[] v = _t.RandomVector(level);
        Plaintext pt = _t.Encoder.Encode(v, level, Math.Pow(2, 40));
        CkksTestContext.AssertPrecision(v, _t.Encoder.Decode(pt), 30);
    }

    [Fact]
    public void SlotsAreCanonicalEmbeddingAtPowersOfFive()
    {
        // Decode must equal m(ζ^(5^j)) computed directly from the coefficients of the plaintext polynomial.
        Complex[] v = _t.RandomVector(11);
        double scale = Math.Pow(2, 30);
        Plaintext pt = _t.Encoder.Encode(v, 0, scale);
        int n = _t.Parameters.N;
        ulong q = _t.Parameters.Q[0];
        var coeffs = pt.Poly.Limb(0).ToArray();
        HEPrune.Ckks.Arithmetic.Ntt.Inverse(coeffs, _t.Context.QpTables[0]);
        ulong g = 1;
        for (int j = 0; j < 8; j++)
        {
            Complex acc = 0;
            for (int k = 0; k < n; k++)
            {
                double c = coeffs[k] > q / 2 ? -(double)(q - coeffs[k]) : coeffs[k];
                acc += c * Complex.FromPolarCoordinates(1, Math.PI * (double)(g * (ulong)k % (2UL * (ulong)n)) / n);
            }

            Assert.True(Complex.Abs(acc / scale - v[j]) < 1e-6, $"slot {j}: {acc / scale} vs {v[j]}");
            g = g * 5 % (2UL * (ulong)n);
        }
    }

    [Fact]
    public void LargeScaleBeyond2To63IsEncodedExactly()
    {
        // Scale 2^100 at the top level forces coefficients above 2^63 (exact binary decomposition path).
        Complex[] v = _t.RandomVector(3);
        Plaintext pt = _t.Encoder.Encode(v, _t.Parameters.MaxLevel, Math.Pow(2, 100));
        CkksTestContext.AssertPrecision(v, _t.Encoder.Decode(pt), 40);
    }

    [Fact]
    public void RealVectorsDecodeWithZeroImaginaryPart()
    {
        double[] v = [1.5, -2.25, 3.0, 0.0, 1e-3];
        Plaintext pt = _t.Encoder.Encode(v, 1, Math.Pow(2, 40));
        double[] back = _t.Encoder.DecodeReal(pt);
        for (int i = 0; i < v.Length; i++)
        {
            Assert.Equal(v[i], back[i], 9);
        }

        Assert.All(_t.Encoder.Decode(pt), c => Assert.True(Math.Abs(c.Imaginary) < 1e-9));
    }

    [Fact]
    public void RejectsTooManyValuesNonFiniteAndOverflow()
    {
        Assert.Throws<ArgumentException>(() => _t.Encoder.Encode(new Complex[_t.Slots + 1], 0, 1 << 20));
        Assert.Throws<ArgumentException>(() => _t.Encoder.Encode([double.NaN], 0, 1 << 20));
        var ex = Assert.Throws<ArgumentException>(() => _t.Encoder.Encode([1e6], 0, Math.Pow(2, 50)));
        Assert.Contains("exceeds Q_0/2", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _t.Encoder.Encode([1.0], _t.Parameters.MaxLevel + 1, 1 << 20));
    }
}
