using System.Numerics;
using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Tests.Arithmetic;

public class PrimesTests
{
    [Fact]
    public void IsPrimeMatchesTrialDivisionOnSmallNumbers()
    {
        for (ulong n = 0; n < 5000; n++)
        {
            bool expected = n >= 2;
            for (ulong d = 2; d * d <= n && expected; d++)
            {
                expected = n % d != 0;
            }

            Assert.Equal(expected, Primes.IsPrime(n));
        }
    }

    [Fact]
    public void IsPrimeOnKnownLargeValues()
    {
        Assert.True(Primes.IsPrime((1UL << 61) - 1));          // Mersenne prime
        Assert.True(Primes.IsPrime(18446744073709551557UL));   // largest 64-bit prime
        Assert.False(Primes.IsPrime(3825123056546413051UL));   // strong pseudoprime to bases 2..23
        Assert.False(Primes.IsPrime(((1UL << 31) - 1) * ((1UL << 31) - 1)));
    }

    [Theory]
    [InlineData(42, 5, 1 << 16)]
    [InlineData(58, 4, 1 << 16)]
    [InlineData(30, 3, 1 << 10)]
    public void GeneratedPrimesAreNttFriendlyAndDistinct(int bits, int count, int n)
    {
        ulong[] primes = Primes.GenerateNttPrimes(bits, count, n, nearPowerOfTwo: true);
        Assert.Equal(count, primes.Distinct().Count());
        foreach (ulong p in primes)
        {
            Assert.True(Primes.IsPrime(p));
            Assert.Equal(1UL, p % (2UL * (ulong)n));
            Assert.InRange(Math.Log2(p), bits - 0.01, bits + 0.01);
            ulong psi = Primes.MinimalPrimitiveRoot(p, n);
            Assert.Equal(p - 1, (ulong)BigInteger.ModPow(psi, n, p)); // ψ^N = −1 ⇒ ψ has order exactly 2N
        }
    }
}
