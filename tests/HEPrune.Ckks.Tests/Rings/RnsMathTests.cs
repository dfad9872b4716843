using System.Numerics;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Tests.Arithmetic;

namespace HEPrune.Ckks.Tests.Rings;

public class RnsMathTests
{
    [Fact]
    public void AddSubMatchBigIntegerOnVectorAndScalarPaths()
    {
        ulong q = Primes.GenerateNttPrimes(61, 1, 1024)[0];
        var rng = new Random(5);
        int n = 1003; // not a multiple of 8: exercises the scalar tail as well
        var a = new ulong[n];
        var b = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = ModulusTests.NextU64(rng) % q;
            b[i] = ModulusTests.NextU64(rng) % q;
        }

        foreach (bool vector in new[] { true, false })
        {
            Ntt.UseVectorPaths = vector;
            try
            {
                var s = new ulong[n];
                var d = new ulong[n];
                RnsMath.Add(a, b, s, q);
                RnsMath.Sub(a, b, d, q);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal((ulong)(((BigInteger)a[i] + b[i]) % q), s[i]);
                    Assert.Equal((ulong)((((BigInteger)a[i] - b[i]) % q + q) % q), d[i]);
                }
            }
            finally
            {
                Ntt.UseVectorPaths = true;
            }
        }
    }

    [Fact]
    public void BasisConversionIsExactUpToAMultipleOfTheSourceModulus()
    {
        int n = 64;
        ulong[] src = Primes.GenerateNttPrimes(40, 3, n);
        ulong[] dst = Primes.GenerateNttPrimes(50, 2, n);
        var conv = new BasisConverter(src.Select(v => new Modulus(v)).ToList(), dst.Select(v => new Modulus(v)).ToList());
        BigInteger bigS = src.Aggregate(BigInteger.One, (x, y) => x * y);
        var rng = new Random(7);
        var values = new BigInteger[n];
        var input = new ulong[src.Length * n];
        for (int j = 0; j < n; j++)
        {
            values[j] = new BigInteger(Enumerable.Range(0, 16).Select(_ => (byte)rng.Next(256)).Append((byte)0).ToArray()) % bigS;
            for (int i = 0; i < src.Length; i++)
            {
                input[i * n + j] = (ulong)(values[j] % src[i]);
            }
        }

        var output = new ulong[dst.Length * n];
        conv.Convert(input, output, n);
        for (int j = 0; j < n; j++)
        {
            bool matched = false;
            for (int u = 0; u < src.Length && !matched; u++)
            {
                BigInteger candidate = values[j] + u * bigS;
                matched = dst.Select((p, k) => (ulong)(candidate % p) == output[k * n + j]).All(x => x);
            }

            Assert.True(matched, $"coefficient {j}: conversion is not x + u·S for 0 ≤ u < {src.Length}");
        }
    }

    [Fact]
    public void NttAutomorphismMatchesCoefficientAutomorphism()
    {
        int n = 256;
        ulong q = Primes.GenerateNttPrimes(50, 1, n)[0];
        var tables = new NttTables(n, new Modulus(q));
        var rng = new Random(8);
        var a = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = ModulusTests.NextU64(rng) % q;
        }

        foreach (ulong g in new ulong[] { 5, 25, 3, 2UL * (ulong)n - 1 })
        {
            var viaCoeff = new ulong[n];
            Automorphism.ApplyCoefficients(a, viaCoeff, g, q);
            Ntt.Forward(viaCoeff, tables);
            var ntt = (ulong[])a.Clone();
            Ntt.Forward(ntt, tables);
            var viaNtt = new ulong[n];
            Automorphism.ApplyNtt(ntt, viaNtt, Automorphism.NttPermutation(n, g));
            Assert.Equal(viaCoeff, viaNtt);
        }
    }

    [Fact]
    public void CoefficientAutomorphismIsSubstitutionXToXPowG()
    {
        // a(X) = X  ↦  X^g; with g > N the image wraps negacyclically.
        int n = 16;
        ulong q = 97;
        var a = new ulong[n];
        a[1] = 1;
        var r = new ulong[n];
        Automorphism.ApplyCoefficients(a, r, 19, q); // X^19 = −X^3 mod X^16+1
        Assert.Equal(q - 1, r[3]);
        Assert.Equal(1, r.Count(v => v != 0));
    }
}
