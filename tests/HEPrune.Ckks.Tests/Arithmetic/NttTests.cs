using System.Numerics;
using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Tests.Arithmetic;

[Collection("NttSwitch")]
public class NttTests
{
    [Theory]
    [InlineData(16, 30)]
    [InlineData(64, 50)]
    [InlineData(256, 61)]
    public void ProductViaNttMatchesSchoolbookNegacyclic(int n, int bits)
    {
        ulong q = Primes.GenerateNttPrimes(bits, 1, n)[0];
        var tables = new NttTables(n, new Modulus(q));
        var rng = new Random(n + bits);
        var a = new ulong[n];
        var b = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = ModulusTests.NextU64(rng) % q;
            b[i] = ModulusTests.NextU64(rng) % q;
        }

        var expected = new BigInteger[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                BigInteger p = (BigInteger)a[i] * b[j];
                if (i + j < n)
                {
                    expected[i + j] += p;
                }
                else
                {
                    expected[i + j - n] -= p;
                }
            }
        }

        var fa = (ulong[])a.Clone();
        var fb = (ulong[])b.Clone();
        Ntt.Forward(fa, tables);
        Ntt.Forward(fb, tables);
        var m = tables.Modulus;
        for (int i = 0; i < n; i++)
        {
            fa[i] = m.Mul(fa[i], fb[i]);
        }

        Ntt.Inverse(fa, tables);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal((ulong)((expected[i] % q + q) % q), fa[i]);
        }
    }

    [Fact]
    public void ForwardIsEvaluationAtOddPowersInBitReversedOrder()
    {
        int n = 32;
        ulong q = Primes.GenerateNttPrimes(40, 1, n)[0];
        var tables = new NttTables(n, new Modulus(q));
        var rng = new Random(3);
        var a = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = ModulusTests.NextU64(rng) % q;
        }

        var f = (ulong[])a.Clone();
        Ntt.Forward(f, tables);
        for (int i = 0; i < n; i++)
        {
            BigInteger x = BigInteger.ModPow(tables.Psi, 2 * UInt64Math.BitReverse(i, 5) + 1, q);
            BigInteger acc = 0;
            for (int k = n - 1; k >= 0; k--)
            {
                acc = (acc * x + a[k]) % q;
            }

            Assert.Equal((ulong)acc, f[i]);
        }
    }

    [Theory]
    [InlineData(1 << 10, 50)]
    [InlineData(1 << 12, 61)]
    public void VectorAndScalarPathsAgreeBitForBit(int n, int bits)
    {
        ulong q = Primes.GenerateNttPrimes(bits, 1, n)[0];
        var tables = new NttTables(n, new Modulus(q));
        var rng = new Random(9);
        var a = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = ModulusTests.NextU64(rng) % q;
        }

        var scalar = (ulong[])a.Clone();
        var vector = (ulong[])a.Clone();
        Ntt.ForwardScalar(scalar, tables);
        if (NttVector.IsSupported)
        {
            NttVector.Forward(vector, tables, lazy: false);
            Assert.Equal(scalar, vector);
        }

        Ntt.InverseScalar(scalar, tables);
        Assert.Equal(a, scalar);
        if (NttVector.IsSupported)
        {
            NttVector.Inverse(vector, tables);
            Assert.Equal(a, vector);
        }
    }
}
