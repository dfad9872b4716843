using System.Numerics;
using System.Runtime.Intrinsics;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Tests.Arithmetic;

/// <summary>Every vector kernel (AVX-512, AVX2) against the scalar reference, bit for bit, on random inputs; paths are selected explicitly.</summary>
[Collection("NttSwitch")]
public class SimdPathTests
{
    private static readonly SimdPath[] s_vectorPaths = [SimdPath.Vector256, SimdPath.Vector512];

    public static TheoryData<int, int> NttShapes => new()
    {
        { 16, 30 }, { 32, 61 }, { 64, 50 }, { 128, 42 }, { 256, 61 }, { 512, 49 }, { 1024, 48 }, { 1024, 55 }, { 2048, 36 }, { 4096, 61 }, { 8192, 49 }, { 16384, 46 },
    };

    private static IEnumerable<SimdPath> SupportedVectorPaths() => s_vectorPaths.Where(Simd.IsSupported);

    private static ulong[] Random(int n, ulong bound, int seed)
    {
        var rng = new Random(seed);
        var a = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = ModulusTests.NextU64(rng) % bound;
        }

        return a;
    }

    [Fact]
    public void BestPathMatchesTheHardwareAndScalarIsAlwaysAvailable()
    {
        Assert.True(Simd.IsSupported(SimdPath.Scalar));
        SimdPath expected = System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.X86.Avx512DQ.IsSupported
            ? SimdPath.Vector512
            : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? SimdPath.Vector256 : SimdPath.Scalar;
        Assert.Equal(expected, Simd.Best);
        foreach (SimdPath p in s_vectorPaths.Where(p => !Simd.IsSupported(p)))
        {
            Assert.Throws<PlatformNotSupportedException>(() => Ntt.Forward(new ulong[16], new NttTables(16, new Modulus(97)), p, lazy: false));
        }
    }

    /// <summary>
    /// Guards CI runs meant to exercise the narrower paths: with <c>DOTNET_EnableAVX512=0</c> the library must fall back to AVX2, with
    /// <c>DOTNET_EnableHWIntrinsic=0</c> to scalar. .NET 10 ignores the older <c>DOTNET_EnableAVX512F</c> knob; a run that sets only that one
    /// would silently test the AVX-512 path again, so it fails here with the knob to use instead.
    /// </summary>
    [Fact]
    public void InstructionSetKnobsInTheEnvironmentTakeEffect()
    {
        static bool Off(string name) => Environment.GetEnvironmentVariable(name) is "0";
        if (Off("DOTNET_EnableHWIntrinsic"))
        {
            Assert.Equal(SimdPath.Scalar, Simd.Best);
        }
        else if (Off("DOTNET_EnableAVX512") || Off("DOTNET_EnableAVX512F"))
        {
            Assert.True(
                Simd.Best != SimdPath.Vector512,
                "AVX-512 is still enabled: .NET 10 ignores DOTNET_EnableAVX512F; set DOTNET_EnableAVX512=0 to test the AVX2 path.");
        }
        else
        {
            Assert.Equal(Simd.Best, Simd.Active);
        }
    }

    [Theory]
    [MemberData(nameof(NttShapes))]
    public void ForwardNttIsBitIdenticalOnEveryPathIncludingLazyInputs(int n, int bits)
    {
        ulong q = Primes.GenerateNttPrimes(bits, 1, n)[0];
        var tables = new NttTables(n, new Modulus(q));
        foreach (ulong bound in new[] { q, 4 * q })
        {
            ulong[] input = Random(n, bound, n + bits);
            ulong[] expected = (ulong[])input.Clone();
            Ntt.Forward(expected, tables, SimdPath.Scalar, lazy: false);
            ulong[] expectedLazy = (ulong[])input.Clone();
            Ntt.Forward(expectedLazy, tables, SimdPath.Scalar, lazy: true);
            for (int i = 0; i < n; i++)
            {
                Assert.True(expected[i] < q);
                Assert.True(expectedLazy[i] < 4 * q);
                Assert.Equal(expected[i], expectedLazy[i] % q);
            }

            foreach (SimdPath path in SupportedVectorPaths())
            {
                ulong[] actual = (ulong[])input.Clone();
                Ntt.Forward(actual, tables, path, lazy: false);
                Assert.Equal(expected, actual);
                ulong[] lazy = (ulong[])input.Clone();
                Ntt.Forward(lazy, tables, path, lazy: true);
                for (int i = 0; i < n; i++)
                {
                    Assert.True(lazy[i] < 4 * q, $"{path}: lazy output {lazy[i]} ≥ 4q at {i}");
                    Assert.Equal(expected[i], lazy[i] % q);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(NttShapes))]
    public void InverseNttIsBitIdenticalOnEveryPathAndInvertsForward(int n, int bits)
    {
        ulong q = Primes.GenerateNttPrimes(bits, 1, n)[0];
        var tables = new NttTables(n, new Modulus(q));
        ulong[] coeffs = Random(n, q, 7 * n + bits);
        ulong[] input = (ulong[])coeffs.Clone();
        Ntt.Forward(input, tables, SimdPath.Scalar, lazy: false);
        ulong[] lazyInput = Random(n, 2 * q, n - bits); // the inverse accepts entries < 2q
        foreach (ulong[] src in new[] { input, lazyInput })
        {
            ulong[] expected = (ulong[])src.Clone();
            Ntt.Inverse(expected, tables, SimdPath.Scalar);
            foreach (SimdPath path in SupportedVectorPaths())
            {
                ulong[] actual = (ulong[])src.Clone();
                Ntt.Inverse(actual, tables, path);
                Assert.Equal(expected, actual);
            }
        }

        ulong[] back = (ulong[])input.Clone();
        Ntt.Inverse(back, tables, SimdPath.Scalar);
        Assert.Equal(coeffs, back);
    }

    [Theory]
    [InlineData(30, 1003)]
    [InlineData(42, 2051)]
    [InlineData(48, 1024)]
    [InlineData(49, 4099)]
    [InlineData(50, 4096)]
    [InlineData(55, 1029)]
    [InlineData(60, 1030)]
    [InlineData(61, 1027)]
    public void ElementWiseKernelsMatchBigIntegerOnEveryPath(int bits, int n)
    {
        var m = new Modulus(Primes.GenerateNttPrimes(bits, 1, 1024)[0]);
        ulong q = m.Value;
        ulong[] a = Random(n, q, bits), b = Random(n, q, bits + 1), c = Random(n, q, bits + 6), d = Random(n, q, bits + 7), lazy = Random(n, 4 * q, bits + 2), any = Random(n, ulong.MaxValue, bits + 3);
        ulong w = Random(1, q, bits + 4)[0], ws = m.ShoupOf(w);
        var p = new Modulus(Primes.GenerateNttPrimes(bits + 1 > 61 ? 60 : bits + 1, 1, 1024)[0]); // another prime, wider or narrower than q
        ulong[] residues = Random(n, p.Value, bits + 5);
        ulong pModQ = m.Reduce(p.Value);
        a[0] = b[0] = c[0] = d[0] = q - 1; // extremes: the largest products
        a[1] = 0;
        b[2] = 1;
        foreach (SimdPath path in new[] { SimdPath.Scalar }.Concat(SupportedVectorPaths()))
        {
            var add = new ulong[n];
            var sub = new ulong[n];
            var mul = new ulong[n];
            var subMul = new ulong[n];
            var lift = new ulong[n];
            var prod = new ulong[n];
            var z0 = new ulong[n];
            var z1 = new ulong[n];
            var z2 = new ulong[n];
            RnsMath.Mul(a, b, prod, m, path);
            var mac = (ulong[])c.Clone();
            RnsMath.MulAdd(a, b, mac, m, path);
            RnsMath.Tensor(a, b, c, d, z0, z1, z2, m, path);
            RnsMath.Add(a, b, add, q, path);
            RnsMath.Sub(a, b, sub, q, path);
            RnsMath.MulShoup(any, w, ws, mul, q, path);
            RnsMath.SubMulShoup(a, lazy, 4 * q, w, ws, subMul, q, path);
            RnsMath.CenteredLift(residues, p.Value, m, pModQ, lift, path);
            for (int i = 0; i < n; i++)
            {
                BigInteger bq = q;
                Assert.Equal((ulong)((BigInteger)a[i] * b[i] % bq), prod[i]);
                Assert.Equal((ulong)(((BigInteger)a[i] * b[i] + c[i]) % bq), mac[i]);
                Assert.Equal((ulong)((BigInteger)a[i] * c[i] % bq), z0[i]);
                Assert.Equal((ulong)(((BigInteger)a[i] * d[i] + (BigInteger)b[i] * c[i]) % bq), z1[i]);
                Assert.Equal((ulong)((BigInteger)b[i] * d[i] % bq), z2[i]);
                Assert.Equal((ulong)(((BigInteger)a[i] + b[i]) % bq), add[i]);
                Assert.Equal((ulong)(((BigInteger)a[i] - b[i] + bq) % bq), sub[i]);
                Assert.Equal((ulong)((BigInteger)any[i] * w % bq), mul[i]);
                Assert.Equal((ulong)((((BigInteger)a[i] - lazy[i]) % bq + bq) * w % bq), subMul[i]);
                BigInteger centred = residues[i] > p.Value / 2 ? (BigInteger)residues[i] - p.Value : residues[i];
                Assert.True(lift[i] < 2 * q, $"{path}: lift {lift[i]} ≥ 2q");
                Assert.Equal((ulong)((centred % bq + bq) % bq), lift[i] % q);
            }
        }
    }

    [Fact]
    public void VectorHelpersMatchScalarProductsOnExtremeValues()
    {
        ulong[] xs = [0, 1, 0xFFFF_FFFF, 0x1_0000_0000, (1UL << 62) - 1, 1UL << 63, ulong.MaxValue, 0x1234_5678_9ABC_DEF0, 0xFEDC_BA98_7654_3210];
        foreach (ulong x in xs)
        {
            foreach (ulong y in xs)
            {
                ulong hi = Math.BigMul(x, y, out ulong lo);
                if (VectorMath256.IsSupported)
                {
                    var vx = System.Runtime.Intrinsics.Vector256.Create(x);
                    var vy = System.Runtime.Intrinsics.Vector256.Create(y);
                    Assert.Equal(hi, VectorMath256.MulHigh(vx, vy).GetElement(3));
                    Assert.Equal(lo, VectorMath256.MulLow(vx, vy).GetElement(1));
                }

                if (VectorMath.IsSupported)
                {
                    Assert.Equal(hi, VectorMath.MulHigh(System.Runtime.Intrinsics.Vector512.Create(x), System.Runtime.Intrinsics.Vector512.Create(y)).GetElement(5));
                }
            }
        }
    }
}
