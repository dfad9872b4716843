using System.Numerics;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;
using HEPrune.Ckks.Tests.Arithmetic;

namespace HEPrune.Ckks.Tests.Rings;

/// <summary>
/// The key-switching inner product Σ_d x_d·(b_d, a_d) mod q on every SIMD path against BigInteger sums, and the evaluator's key switches on
/// the bootstrapping chain (55/60-bit data primes, 56-bit special primes: the wide-prime kernel) bit for bit against the scalar path.
/// </summary>
[Collection("NttSwitch")]
public class KeyInnerProductTests
{
    private static IEnumerable<SimdPath> SupportedPaths() => new[] { SimdPath.Scalar, SimdPath.Vector256, SimdPath.Vector512 }.Where(Simd.IsSupported);

    [Theory]
    [InlineData(50, 1, 64)]
    [InlineData(55, 6, 1029)]  // a bootstrapping CoeffsToSlots prime, dnum 6, odd length (scalar tail)
    [InlineData(56, 6, 1024)]  // a special prime
    [InlineData(60, 5, 1030)]  // an EvalMod prime
    [InlineData(61, 3, 77)]
    [InlineData(61, 60, 24)]   // the largest digit count with 61-bit values: the accumulators' worst case
    [InlineData(42, 4, 100)]   // narrow primes take the same kernel when called directly
    public void InnerProductEqualsTheBigIntegerSumOnEveryPath(int bits, int beta, int n)
    {
        var m = new Modulus(Primes.GenerateNttPrimes(bits, 1, 1024)[0]);
        ulong q = m.Value;
        var rng = new Random(31 * bits + beta);
        int gap = 3; // digits are stored with gaps, as in the evaluator's digit buffer
        var x = new ulong[beta * (n + gap)];
        var offsets = new int[beta];
        var b = new ulong[beta][];
        var a = new ulong[beta][];
        int keyOffset = 5;
        for (int d = 0; d < beta; d++)
        {
            offsets[d] = d * (n + gap);
            b[d] = new ulong[n + keyOffset];
            a[d] = new ulong[n + keyOffset];
            for (int j = 0; j < x.Length / beta; j++)
            {
                x[d * (n + gap) + j] = ModulusTests.NextU64(rng) % q;
            }

            for (int j = 0; j < n + keyOffset; j++)
            {
                b[d][j] = ModulusTests.NextU64(rng) % q;
                a[d][j] = ModulusTests.NextU64(rng) % q;
            }

            // extremes: every term (q − 1)² in the first coefficients, zeros in the next
            x[offsets[d]] = b[d][keyOffset] = a[d][keyOffset] = q - 1;
            x[offsets[d] + 1] = b[d][keyOffset + 1] = q - 1;
            a[d][keyOffset + 1] = 0;
            x[offsets[d] + 2] = 0;
        }

        int[] perm = [.. Enumerable.Range(0, n).OrderBy(_ => rng.Next())]; // a permutation as a Galois automorphism applies it
        foreach (int[] p in new[] { Array.Empty<int>(), perm })
        {
            var e0 = new ulong[n];
            var e1 = new ulong[n];
            for (int j = 0; j < n; j++)
            {
                BigInteger s0 = 0, s1 = 0;
                int src = p.Length == 0 ? j : p[j];
                for (int d = 0; d < beta; d++)
                {
                    s0 += (BigInteger)x[offsets[d] + src] * b[d][keyOffset + j];
                    s1 += (BigInteger)x[offsets[d] + src] * a[d][keyOffset + j];
                }

                e0[j] = (ulong)(s0 % q);
                e1[j] = (ulong)(s1 % q);
            }

            foreach (SimdPath path in SupportedPaths())
            {
                var r0 = new ulong[n];
                var r1 = new ulong[n];
                KeyInnerProduct.Compute(x, offsets, b, a, keyOffset, m, r0, r1, path, p);
                Assert.Equal(e0, r0);
                Assert.Equal(e1, r1);
            }
        }
    }

    [Fact]
    public void TooManyDigitsAreRejected()
    {
        var m = new Modulus(Primes.GenerateNttPrimes(55, 1, 1024)[0]);
        var keys = Enumerable.Range(0, 61).Select(_ => new ulong[8]).ToArray();
        Assert.Throws<ArgumentException>(() => KeyInnerProduct.Compute(new ulong[8], new int[61], keys, keys, 0, m, new ulong[8], new ulong[8], SimdPath.Scalar));
    }

    [Fact]
    public void SlicesOutsideTheirArraysAreRejectedBeforeAnyUncheckedRead()
    {
        var m = new Modulus(Primes.GenerateNttPrimes(55, 1, 1024)[0]);
        ulong[][] keys = [new ulong[16], new ulong[16]];
        // digit 1 would end past the digit buffer; a key offset of 9 would end past the 16-word key arrays
        Assert.Throws<ArgumentException>(() => KeyInnerProduct.Compute(new ulong[16], [0, 9], keys, keys, 0, m, new ulong[8], new ulong[8], Simd.Best));
        Assert.Throws<ArgumentException>(() => KeyInnerProduct.Compute(new ulong[16], [0, 8], keys, keys, 9, m, new ulong[8], new ulong[8], Simd.Best));
        Assert.Throws<ArgumentException>(() => KeyInnerProduct.Compute(new ulong[16], [0, 8], keys, keys, 0, m, new ulong[8], new ulong[4], Simd.Best));
        Assert.Throws<ArgumentException>(() => KeyInnerProduct.Compute(new ulong[16], [0, 8], keys, keys, 0, m, new ulong[8], new ulong[8], Simd.Best, [0, 1, 2]));
    }

    [Fact]
    public void KeySwitchesOnTheBootstrappingChainAreBitIdenticalOnVectorAndScalarPaths()
    {
        var p = CkksParameters.Create(BootstrappingPresets.InsecureTestN10.Scheme);
        Assert.Contains(p.Q, q => q >= 1UL << 54); // the wide-prime kernel is exercised
        var ctx = new CkksContext(p);
        var keyGen = new KeyGenerator(ctx);
        var encoder = new CkksEncoder(ctx);
        var encryptor = new Encryptor(ctx, keyGen.CreatePublicKey());
        var evaluator = new Evaluator(ctx, new EvaluationKeys(keyGen.CreateRelinearizationKey(), keyGen.CreateGaloisKeys([1, 3, -7], includeConjugation: false)));
        var rng = new Random(3);
        Complex[] v = [.. Enumerable.Range(0, p.Slots).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5))];
        Ciphertext ct = encryptor.Encrypt(encoder.Encode(v, p.MaxLevel, p.DefaultScale));

        Ciphertext[] Run()
        {
            Ciphertext product = evaluator.MultiplyRelinNew(ct, ct);
            Ciphertext rotated = evaluator.RotateNew(ct, 3);
            Ciphertext[] hoisted = evaluator.RotateHoistedNew(ct, [1, -7]);
            return [product, rotated, .. hoisted];
        }

        Ciphertext[] vector = Run();
        Ntt.UseVectorPaths = false;
        Ciphertext[] scalar;
        try
        {
            scalar = Run();
        }
        finally
        {
            Ntt.UseVectorPaths = true;
        }

        for (int i = 0; i < vector.Length; i++)
        {
            Assert.True(vector[i].Poly(0).Data.SequenceEqual(scalar[i].Poly(0).Data), $"result {i}, c0");
            Assert.True(vector[i].Poly(1).Data.SequenceEqual(scalar[i].Poly(1).Data), $"result {i}, c1");
        }
    }
}
