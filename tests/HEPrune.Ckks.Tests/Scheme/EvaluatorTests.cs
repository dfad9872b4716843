using System.Numerics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Scheme;

public class EvaluatorTests : IClassFixture<N10Fixture>
{
    private readonly CkksTestContext _t;

    public EvaluatorTests(N10Fixture f) => _t = f.Ctx;

    private Evaluator Ev => _t.Evaluator;

    private static Complex[] Map(Complex[] a, Complex[] b, Func<Complex, Complex, Complex> f) => a.Zip(b, f).ToArray();

    [Fact]
    public void AddSubNegateMatchComplexArithmetic()
    {
        Complex[] x = _t.RandomVector(1), y = _t.RandomVector(2);
        Ciphertext a = _t.Encrypt(x), b = _t.Encrypt(y);
        CkksTestContext.AssertPrecision(Map(x, y, (p, q) => p + q), _t.Decrypt(Ev.AddNew(a, b)), 24);
        CkksTestContext.AssertPrecision(Map(x, y, (p, q) => p - q), _t.Decrypt(Ev.SubNew(a, b)), 24);
        var n = new Ciphertext(_t.Parameters);
        Ev.Negate(a, n);
        CkksTestContext.AssertPrecision(x.Select(p => -p).ToArray(), _t.Decrypt(n), 24);
    }

    [Fact]
    public void AddAtDifferentLevelsWorksAtTheLowerLevel()
    {
        Complex[] x = _t.RandomVector(3), y = _t.RandomVector(4);
        Ciphertext a = _t.Encrypt(x, 5), b = _t.Encrypt(y, 2);
        Ciphertext s = Ev.AddNew(a, b);
        Assert.Equal(2, s.Level);
        CkksTestContext.AssertPrecision(Map(x, y, (p, q) => p + q), _t.Decrypt(s), 24);
    }

    [Fact]
    public void AddWithMismatchedScaleThrowsNamingBothScales()
    {
        Ciphertext a = _t.Encrypt(_t.RandomVector(5));
        Ciphertext b = _t.Encryptor.Encrypt(_t.Encoder.Encode(_t.RandomVector(6), 5, Math.Pow(2, 30)));
        var ex = Assert.Throws<ScaleMismatchException>(() => Ev.AddNew(a, b));
        Assert.Contains("2^40", ex.Message);
        Assert.Contains("2^30", ex.Message);
    }

    [Fact]
    public void MultiplyRelinRescaleAtScale2To40IsPreciseTo20Bits()
    {
        Complex[] x = _t.RandomVector(7), y = _t.RandomVector(8);
        Ciphertext a = _t.Encrypt(x), b = _t.Encrypt(y);
        Ciphertext c = Ev.MultiplyRelinRescaleNew(a, b);
        Assert.Equal(_t.Parameters.MaxLevel - 1, c.Level);
        Assert.Equal(2, c.Size);
        Assert.Equal(Math.Pow(2, 80) / _t.Parameters.Q[^1], c.Scale, 1e-3);
        CkksTestContext.AssertPrecision(Map(x, y, (p, q) => p * q), _t.Decrypt(c), 23);
    }

    [Fact]
    public void SizeThreeCiphertextDecryptsBeforeRelinearization()
    {
        Complex[] x = _t.RandomVector(9), y = _t.RandomVector(10);
        Ciphertext c = Ev.MultiplyNew(_t.Encrypt(x), _t.Encrypt(y));
        Assert.Equal(3, c.Size);
        Ev.Rescale(c, c);
        // Rescaling before relinearization leaves a rounding term times s², about 2 bits noisier than the relinearized product.
        CkksTestContext.AssertPrecision(Map(x, y, (p, q) => p * q), _t.Decrypt(c), 21);
    }

    [Fact]
    public void InPlaceOperationsMatchOutOfPlace()
    {
        Complex[] x = _t.RandomVector(12), y = _t.RandomVector(13);
        Ciphertext a = _t.Encrypt(x), b = _t.Encrypt(y);
        Ciphertext expected = Ev.MultiplyRelinRescaleNew(a, b);
        Ev.MultiplyRelinRescale(a, b, a); // destination aliases the first input
        Assert.Equal(expected.Level, a.Level);
        CkksTestContext.AssertPrecision(_t.Decrypt(expected), _t.Decrypt(a), 23);
        Ev.Add(b, b, b);
        CkksTestContext.AssertPrecision(y.Select(v => 2 * v).ToArray(), _t.Decrypt(b), 24);
        Ev.Rotate(b, 1, b);
        CkksTestContext.AssertPrecision(Rotated(y.Select(v => 2 * v).ToArray(), 1), _t.Decrypt(b), 23);
    }

    [Fact]
    public void PlaintextAddAndMultiplyMatchComplexArithmetic()
    {
        Complex[] x = _t.RandomVector(14), y = _t.RandomVector(15);
        Ciphertext a = _t.Encrypt(x);
        Plaintext py = _t.Encoder.Encode(y, a.Level, a.Scale);
        var d = new Ciphertext(_t.Parameters);
        Ev.AddPlain(a, py, d);
        CkksTestContext.AssertPrecision(Map(x, y, (p, q) => p + q), _t.Decrypt(d), 24);
        Ev.SubPlain(a, py, d);
        CkksTestContext.AssertPrecision(Map(x, y, (p, q) => p - q), _t.Decrypt(d), 24);
        Ev.MultiplyPlain(a, py, d);
        Ev.Rescale(d, d);
        CkksTestContext.AssertPrecision(Map(x, y, (p, q) => p * q), _t.Decrypt(d), 23);
    }

    [Fact]
    public void ConstantsAreExact()
    {
        Complex[] x = _t.RandomVector(16);
        Ciphertext a = _t.Encrypt(x);
        var c = new Complex(0.75, -1.25);
        var d = new Ciphertext(_t.Parameters);
        Ev.MultiplyConst(a, c, d);
        Assert.Equal(a.Level, d.Level);
        Ev.Rescale(d, d);
        Assert.Equal(a.Scale, d.Scale); // the constant's scale is q_l: the rescale restores the scale exactly
        CkksTestContext.AssertPrecision(x.Select(v => v * c).ToArray(), _t.Decrypt(d), 23);

        Ev.MultiplyInteger(a, -3, d);
        Assert.Equal(a.Level, d.Level);
        Assert.Equal(a.Scale, d.Scale);
        CkksTestContext.AssertPrecision(x.Select(v => -3 * v).ToArray(), _t.Decrypt(d), 23);

        Ev.AddConst(a, c, d);
        CkksTestContext.AssertPrecision(x.Select(v => v + c).ToArray(), _t.Decrypt(d), 24);
    }

    public static Complex[] Rotated(Complex[] v, int k)
    {
        int n = v.Length;
        return Enumerable.Range(0, n).Select(j => v[(((j + k) % n) + n) % n]).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(-3)]
    [InlineData(256)]
    public void RotateMatchesCyclicShift(int step)
    {
        Complex[] x = _t.RandomVector(20 + step);
        Ciphertext r = Ev.RotateNew(_t.Encrypt(x), step);
        CkksTestContext.AssertPrecision(Rotated(x, step), _t.Decrypt(r), 24);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(-9)]
    public void CompositeRotationFromPowersOfTwo(int step)
    {
        Complex[] x = _t.RandomVector(40 + step);
        var d = new Ciphertext(_t.Parameters);
        Ev.RotateComposite(_t.Encrypt(x), step, d);
        CkksTestContext.AssertPrecision(Rotated(x, step), _t.Decrypt(d), 23);
    }

    [Fact]
    public void KeySwitchingAddsOnlyRoundingSizedNoise()
    {
        // From a secret-key encryption (noise ≈ 2^-32 here) a rotation must stay near the ModDown rounding noise, ≈ sqrt(N)·||s||/Δ ≈ 2^-30.
        // Uncentred digits or a biased mod-down (mean ≠ 0 per coefficient) are amplified by up to ~N^1.5 in some slots and fail this.
        Complex[] x = _t.RandomVector(70);
        Ciphertext ct = _t.SkEncryptor.Encrypt(_t.Encoder.Encode(x, _t.Parameters.MaxLevel, _t.Parameters.DefaultScale));
        CkksTestContext.AssertPrecision(Rotated(x, 1), _t.Decrypt(Ev.RotateNew(ct, 1)), 28);
        Ciphertext sq = Ev.MultiplyRelinNew(ct, ct);
        Ev.Rescale(sq, sq);
        CkksTestContext.AssertPrecision(x.Select(v => v * v).ToArray(), _t.Decrypt(sq), 27);
    }

    [Fact]
    public void ConjugateMatchesComplexConjugate()
    {
        Complex[] x = _t.RandomVector(30);
        var d = new Ciphertext(_t.Parameters);
        Ev.Conjugate(_t.Encrypt(x), d);
        CkksTestContext.AssertPrecision(x.Select(Complex.Conjugate).ToArray(), _t.Decrypt(d), 24);
    }

    [Fact]
    public void HoistedRotationsEqualIndividualRotations()
    {
        Complex[] x = _t.RandomVector(31);
        Ciphertext a = _t.Encrypt(x, 3);
        int[] steps = [1, -1, 2, 0, 8, -3];
        Ciphertext[] hoisted = Ev.RotateHoistedNew(a, steps);
        for (int i = 0; i < steps.Length; i++)
        {
            Ciphertext single = Ev.RotateNew(a, steps[i]);
            Assert.Equal(single.Level, hoisted[i].Level);
            // Same key, same decomposition: the two paths compute identical ciphertexts.
            Assert.True(single.Poly(0).Data.SequenceEqual(hoisted[i].Poly(0).Data), $"step {steps[i]}");
            Assert.True(single.Poly(1).Data.SequenceEqual(hoisted[i].Poly(1).Data), $"step {steps[i]}");
            CkksTestContext.AssertPrecision(Rotated(x, steps[i]), _t.Decrypt(hoisted[i]), 24);
        }
    }

    [Fact]
    public void MissingGaloisKeyNamesStepAndElement()
    {
        var ex = Assert.Throws<MissingKeyException>(() => Ev.RotateNew(_t.Encrypt(_t.RandomVector(32)), 3));
        ulong g = GaloisElements.ForRotation(3, _t.Parameters.N);
        Assert.Contains("step 3", ex.Message);
        Assert.Contains($"Galois element {g}", ex.Message);
        var noKeys = new Evaluator(_t.Context);
        Assert.Throws<MissingKeyException>(() => noKeys.Relinearize(noKeys.MultiplyNew(_t.Encrypt(_t.RandomVector(1)), _t.Encrypt(_t.RandomVector(2))), new Ciphertext(_t.Parameters)));
    }

    [Fact]
    public void DeepChainDownToLevelZeroThenFailsClearly()
    {
        // x^(2^L) by repeated squaring with |x| ≤ 1, one level per squaring.
        var rng = new Random(50);
        Complex[] x = Enumerable.Range(0, _t.Slots).Select(_ => new Complex(0.9 + 0.1 * rng.NextDouble(), 0)).ToArray();
        Ciphertext c = _t.Encrypt(x);
        Complex[] expected = x;
        while (c.Level > 0)
        {
            Ev.MultiplyRelinRescale(c, c, c);
            expected = expected.Select(v => v * v).ToArray();
        }

        Assert.Equal(0, c.Level);
        CkksTestContext.AssertPrecision(expected, _t.Decrypt(c), 18);
        // One more product would need a modulus above 2^80 but only q_0 (60 bits) is left.
        var ex = Assert.Throws<LevelExhaustedException>(() => Ev.MultiplyRelinNew(c, c));
        Assert.Contains("level-0 modulus", ex.Message);
        var ex2 = Assert.Throws<LevelExhaustedException>(() => Ev.RescaleNew(c));
        Assert.Contains("level 0", ex2.Message);
    }

    [Fact]
    public void DropLevelKeepsTheMessage()
    {
        Complex[] x = _t.RandomVector(33);
        Ciphertext a = _t.Encrypt(x);
        var d = new Ciphertext(_t.Parameters);
        Ev.DropToLevel(a, 1, d);
        Assert.Equal(1, d.Level);
        CkksTestContext.AssertPrecision(x, _t.Decrypt(d), 24);
        Ev.DropLevels(a, 2, a);
        Assert.Equal(_t.Parameters.MaxLevel - 2, a.Level);
        CkksTestContext.AssertPrecision(x, _t.Decrypt(a), 24);
    }

    [Fact]
    public void ParallelUseOnDifferentCiphertextsGivesCorrectResults()
    {
        Complex[][] xs = Enumerable.Range(0, 6).Select(i => _t.RandomVector(60 + i)).ToArray();
        Ciphertext[] cts = xs.Select(v => _t.Encrypt(v)).ToArray();
        Parallel.For(0, cts.Length, i =>
        {
            Ev.MultiplyRelinRescale(cts[i], cts[i], cts[i]);
            Ev.Rotate(cts[i], 1, cts[i]);
        });
        for (int i = 0; i < cts.Length; i++)
        {
            CkksTestContext.AssertPrecision(Rotated(xs[i].Select(v => v * v).ToArray(), 1), _t.Decrypt(cts[i]), 22);
        }
    }

    [Fact]
    public void EvaluatorTypesCannotReachTheSecretKey()
    {
        Type[] serverTypes = [typeof(Evaluator), typeof(EvaluationKeys), typeof(RelinearizationKey), typeof(GaloisKeys), typeof(SwitchingKey), typeof(PublicKey), typeof(CkksContext)];
        foreach (Type t in serverTypes)
        {
            foreach (var f in t.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public))
            {
                Assert.False(ReferencesSecretKey(f.FieldType), $"{t.Name}.{f.Name} can hold a secret key");
            }
        }
    }

    private static bool ReferencesSecretKey(Type t) =>
        t == typeof(SecretKey) || t == typeof(KeyGenerator) || t == typeof(Decryptor) || t == typeof(Encryptor) || t == typeof(object) ||
        (t.IsArray && ReferencesSecretKey(t.GetElementType()!)) || (t.IsGenericType && t.GetGenericArguments().Any(ReferencesSecretKey));
}
