using System.Numerics;
using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Tests.Arithmetic;

public class ModulusTests
{
    public static TheoryData<ulong> Moduli => new() { 3UL, 65537UL, 1099511480321UL, (1UL << 61) - 1, 1152921504606748673UL, 4398046150657UL };

    [Theory]
    [MemberData(nameof(Moduli))]
    public void MulReduceAddSubMatchBigInteger(ulong q)
    {
        var m = new Modulus(q);
        var rng = new Random(42);
        for (int i = 0; i < 20000; i++)
        {
            ulong a = NextU64(rng) % q, b = NextU64(rng) % q;
            Assert.Equal((ulong)((BigInteger)a * b % q), m.Mul(a, b));
            Assert.Equal((ulong)(((BigInteger)a + b) % q), m.Add(a, b));
            Assert.Equal((ulong)((((BigInteger)a - b) % q + q) % q), m.Sub(a, b));
            ulong x = NextU64(rng), hi = NextU64(rng);
            Assert.Equal((ulong)((BigInteger)x % q), m.Reduce(x));
            Assert.Equal((ulong)((((BigInteger)hi << 64) + x) % q), m.Reduce128(hi, x));
            ulong ws = m.ShoupOf(b);
            Assert.Equal((ulong)((BigInteger)x * b % q), Modulus.MulShoup(x, b, ws, q));
            ulong lazy = Modulus.MulShoupLazy(x, b, ws, q);
            Assert.True(lazy < 2 * q);
            Assert.Equal((ulong)((BigInteger)x * b % q), lazy % q);
            long s = (long)x;
            Assert.Equal((ulong)(((BigInteger)s % q + q) % q), m.FromSigned(s));
        }

        Assert.Equal((ulong)(((BigInteger)long.MinValue % q + q) % q), m.FromSigned(long.MinValue));
    }

    [Fact]
    public void InverseAndPowMatchBigInteger()
    {
        var m = new Modulus(1099511480321UL);
        var rng = new Random(1);
        for (int i = 0; i < 200; i++)
        {
            ulong a = NextU64(rng) % m.Value;
            if (a == 0)
            {
                continue;
            }

            Assert.Equal(1UL, m.Mul(a, m.Inverse(a)));
            ulong e = NextU64(rng);
            Assert.Equal((ulong)BigInteger.ModPow(a, e, m.Value), m.Pow(a, e));
        }
    }

    [Theory]
    [InlineData(2UL)]
    [InlineData(1UL << 62)]
    public void RejectsInvalidModuli(ulong q) => Assert.Throws<ArgumentOutOfRangeException>(() => new Modulus(q));

    internal static ulong NextU64(Random rng) => (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63) ^ ((ulong)rng.Next(4) << 62);
}
