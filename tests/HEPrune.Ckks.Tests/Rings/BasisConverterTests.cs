using System.Numerics;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Tests.Rings;

/// <summary>
/// The fast basis conversion on every SIMD path against a BigInteger CRT reconstruction (centred conversion: exact) and against the scalar
/// path bit for bit; paths are selected explicitly, so the AVX2 and scalar kernels also run on an AVX-512 machine.
/// </summary>
public class BasisConverterTests
{
    private static readonly SimdPath[] s_allPaths = [SimdPath.Scalar, SimdPath.Vector256, SimdPath.Vector512];

    /// <summary>(source prime bits, source count, target prime bits, target count, n): widths from 30 to 61 bits, 1 to 32 source primes.</summary>
    public static TheoryData<int, int, int, int, int> Shapes => new()
    {
        { 61, 1, 61, 3, 37 },
        { 55, 5, 60, 29, 1100 },   // a mod-up digit of the bootstrapping chain (odd n: vector tails, three blocks)
        { 56, 6, 42, 13, 1024 },   // mod-down P → Q
        { 30, 4, 61, 5, 520 },
        { 61, 32, 61, 4, 64 },     // the largest source basis: the vector accumulators' worst case
        { 42, 3, 36, 7, 513 },
        { 50, 4, 31, 3, 300 },     // targets below 2^32 (the AVX-512 kernel leaves them to the scalar loop)
        { 58, 7, 59, 5, 200 },     // seven terms: the AVX-512 kernel flushes its middle accumulator twice
    };

    private static IEnumerable<SimdPath> SupportedPaths() => s_allPaths.Where(Simd.IsSupported);

    private static List<Modulus> DistinctPrimes(int bits, int count, int n, ulong[] exclude)
    {
        ulong[] candidates = Primes.GenerateNttPrimes(bits, count + exclude.Length, n);
        return [.. candidates.Where(p => !exclude.Contains(p)).Take(count).Select(p => new Modulus(p))];
    }

    /// <summary>Random x in [0, S) (plus the edge values 0, 1, −1, S/2 ∓ S/2^20 at the start; closer to S/2 the double-precision quotient may round up, which the converter documents), as residues and as BigIntegers.</summary>
    private static (ulong[] Residues, BigInteger[] Values) RandomInput(List<Modulus> src, int n, int seed)
    {
        BigInteger s = src.Aggregate(BigInteger.One, (x, m) => x * m.Value);
        var rng = new Random(seed);
        var values = new BigInteger[n];
        var residues = new ulong[src.Count * n];
        byte[] bytes = new byte[(int)(s.GetBitLength() / 8) + 9];
        for (int j = 0; j < n; j++)
        {
            rng.NextBytes(bytes);
            bytes[^1] = 0;
            values[j] = j switch
            {
                0 => 0,
                1 => 1,
                2 => s - 1,
                3 => s / 2 - (s >> 20),
                4 => s / 2 + (s >> 20),
                _ => new BigInteger(bytes) % s,
            };
            for (int i = 0; i < src.Count; i++)
            {
                residues[i * n + j] = (ulong)(values[j] % src[i].Value);
            }
        }

        return (residues, values);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CentredConversionEqualsTheCrtReconstructionOnEveryPath(int srcBits, int a, int dstBits, int b, int n)
    {
        List<Modulus> src = DistinctPrimes(srcBits, a, 64, []);
        List<Modulus> dst = DistinctPrimes(dstBits, b, 64, [.. src.Select(m => m.Value)]);
        var conv = new BasisConverter(src, dst);
        (ulong[] input, BigInteger[] values) = RandomInput(src, n, 1000 * a + b);
        BigInteger s = src.Aggregate(BigInteger.One, (x, m) => x * m.Value);
        var expected = new ulong[b * n];
        for (int j = 0; j < n; j++)
        {
            BigInteger centred = values[j] >= (s + 1) / 2 ? values[j] - s : values[j];
            for (int k = 0; k < b; k++)
            {
                BigInteger r = centred % dst[k].Value;
                expected[k * n + j] = (ulong)(r < 0 ? r + dst[k].Value : r);
            }
        }

        foreach (SimdPath path in SupportedPaths())
        {
            var output = new ulong[b * n];
            conv.ConvertCentered(input, 0, output, 0, n, b, gapStart: b, gapWidth: 0, path);
            for (int k = 0; k < b; k++)
            {
                for (int j = 0; j < n; j++)
                {
                    Assert.True(
                        expected[k * n + j] == output[k * n + j],
                        $"{path}: target {k} ({dst[k].BitCount} bits), coefficient {j}: expected {expected[k * n + j]}, got {output[k * n + j]}");
                }
            }
        }
    }

    [Fact]
    public void CentredConversionWritesAroundTheGapAtTheOffsetsAndLeavesTheRestUntouched()
    {
        int n = 1030, a = 3, b = 7, gapStart = 2, gapWidth = 3;
        List<Modulus> src = DistinctPrimes(50, a, 64, []);
        List<Modulus> dst = DistinctPrimes(50, b, 64, [.. src.Select(m => m.Value)]);
        var conv = new BasisConverter(src, dst);
        (ulong[] input, _) = RandomInput(src, n, 3);
        var padded = new ulong[(a + 2) * n];
        input.CopyTo(padded, 2 * n);
        var reference = new ulong[b * n];
        conv.ConvertCentered(input, 0, reference, 0, n, b, gapStart: b, gapWidth: 0, SimdPath.Scalar);
        foreach (SimdPath path in SupportedPaths())
        {
            const ulong sentinel = 0xDEAD_BEEF;
            var output = Enumerable.Repeat(sentinel, (1 + b - 1 + gapWidth + 1) * n).ToArray(); // offset one limb, the last target at b − 1 + gapWidth
            conv.ConvertCentered(padded, 2 * n, output, n, n, b - 1, gapStart, gapWidth, path);
            for (int k = 0; k < b - 1; k++)
            {
                int limb = 1 + (k < gapStart ? k : k + gapWidth);
                Assert.True(reference.AsSpan(k * n, n).SequenceEqual(output.AsSpan(limb * n, n)), $"{path}: target {k} at limb {limb}");
            }

            foreach (int limb in new[] { 0, 1 + gapStart, 2 + gapStart, 3 + gapStart, 1 + b - 1 + gapWidth })
            {
                Assert.All(output.AsSpan(limb * n, n).ToArray(), v => Assert.Equal(sentinel, v));
            }
        }
    }

    [Fact]
    public void ConversionIsBitIdenticalOnEveryPathAndIsXPlusAMultipleOfS()
    {
        int n = 999, a = 6, b = 9;
        List<Modulus> src = DistinctPrimes(58, a, 64, []);
        List<Modulus> dst = DistinctPrimes(61, b, 64, [.. src.Select(m => m.Value)]);
        var conv = new BasisConverter(src, dst);
        (ulong[] input, BigInteger[] values) = RandomInput(src, n, 11);
        BigInteger s = src.Aggregate(BigInteger.One, (x, m) => x * m.Value);
        var scalar = new ulong[b * n];
        conv.Convert(input, scalar, n, SimdPath.Scalar);
        for (int j = 0; j < n; j++)
        {
            bool matched = false;
            for (int u = 0; u < a && !matched; u++)
            {
                BigInteger candidate = values[j] + u * s;
                matched = Enumerable.Range(0, b).All(k => (ulong)(candidate % dst[k].Value) == scalar[k * n + j]);
            }

            Assert.True(matched, $"coefficient {j}: conversion is not x + u·S for 0 ≤ u < {a}");
        }

        foreach (SimdPath path in SupportedPaths())
        {
            var output = new ulong[b * n];
            conv.Convert(input, output, n, path);
            Assert.True(scalar.AsSpan().SequenceEqual(output), $"{path} differs from the scalar path");
        }
    }

    [Fact]
    public void CentredConversionDoesNotDependOnTheThreadCount()
    {
        int n = 4096, a = 5, b = 12;
        List<Modulus> src = DistinctPrimes(55, a, 64, []);
        List<Modulus> dst = DistinctPrimes(60, b, 64, [.. src.Select(m => m.Value)]);
        var conv = new BasisConverter(src, dst);
        (ulong[] input, _) = RandomInput(src, n, 5);
        var one = new ulong[b * n];
        var two = new ulong[b * n];
        int saved = Parallelism.MaxDegree;
        try
        {
            Parallelism.MaxDegree = 1;
            conv.ConvertCentered(input, 0, one, 0, n, b, b, 0, Simd.Best);
            Parallelism.MaxDegree = 2;
            conv.ConvertCentered(input, 0, two, 0, n, b, b, 0, Simd.Best);
        }
        finally
        {
            Parallelism.MaxDegree = saved;
        }

        Assert.Equal(one, two);
    }

    [Fact]
    public void BadRangesAreRejectedWithAClearMessage()
    {
        List<Modulus> src = DistinctPrimes(40, 2, 64, []);
        List<Modulus> dst = DistinctPrimes(41, 3, 64, []);
        var conv = new BasisConverter(src, dst);
        var ex = Assert.Throws<ArgumentException>(() => conv.ConvertCentered(new ulong[2 * 16], 0, new ulong[2 * 16], 0, 16, 3, 3, 0, SimdPath.Scalar));
        Assert.Contains("destination", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => conv.ConvertCentered(new ulong[2 * 16], 0, new ulong[3 * 16], 0, 16, 4, 4, 0, SimdPath.Scalar));
        Assert.Contains("target count 4", ex.Message);
    }
}
