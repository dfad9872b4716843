using System.Numerics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Scheme;

/// <summary>Switching keys restricted to levels ≤ L (only q_0..q_L and P): same results as the unrestricted key, clear errors above L.</summary>
public class LevelRestrictedKeyTests : IClassFixture<N10Fixture>
{
    private readonly CkksTestContext _t;

    public LevelRestrictedKeyTests(N10Fixture f) => _t = f.Ctx;

    private static bool SameCiphertext(Ciphertext a, Ciphertext b)
    {
        if (a.Level != b.Level || a.Size != b.Size || a.Scale != b.Scale)
        {
            return false;
        }

        for (int k = 0; k < a.Size; k++)
        {
            if (!a.Poly(k).Data.SequenceEqual(b.Poly(k).Data))
            {
                return false;
            }
        }

        return true;
    }

    private Ciphertext Conj(Evaluator ev, Ciphertext a)
    {
        var c = new Ciphertext(_t.Parameters);
        ev.Conjugate(a, c);
        return c;
    }

    private static Complex[] Rotated(Complex[] x, int step) => [.. Enumerable.Range(0, x.Length).Select(i => x[(i + step) % x.Length])];

    [Theory]
    [InlineData(0)] // one partial digit
    [InlineData(2)] // InsecureTestN10 has α = 2: a full digit and a partial one
    [InlineData(3)] // two full digits
    public void RestrictedKeyHoldsOnlyTheLowPrimesAndSpecialPrimes(int maxLevel)
    {
        SwitchingKey full = _t.Galois.TryGet(GaloisElements.ForRotation(1, _t.Parameters.N))!;
        SwitchingKey r = full.RestrictedTo(maxLevel);
        int alpha = _t.Parameters.Alpha, k = _t.Parameters.P.Count;
        Assert.Equal(maxLevel, r.MaxLevel);
        Assert.True(r.IsLevelRestricted);
        Assert.Equal((maxLevel + 1 + alpha - 1) / alpha, r.DigitCount);
        Assert.Equal(maxLevel + 1 + k, r.LimbCount);
        Assert.Equal(2L * r.DigitCount * r.LimbCount * _t.Parameters.N * 8, r.SizeInBytes);
        Assert.Equal(2L * _t.Parameters.Dnum * (_t.Parameters.Q.Count + k) * _t.Parameters.N * 8, full.SizeInBytes);

        // Limb i of the restricted key is the unrestricted key's residue for the same prime (CRT projection of one RLWE sample).
        for (int d = 0; d < r.DigitCount; d++)
        {
            Assert.True(r.B[d].Limb(maxLevel).SequenceEqual(full.B[d].Limb(maxLevel)));
            Assert.True(r.A[d].Limb(maxLevel + 1).SequenceEqual(full.A[d].Limb(_t.Parameters.Q.Count)));
            Assert.True(r.B[d].Limb(maxLevel + k).SequenceEqual(full.B[d].Limb(_t.Parameters.Q.Count + k - 1)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void RotationWithARestrictedCopyIsBitIdenticalAtEveryLevelUpToL(int maxLevel)
    {
        var restricted = new Dictionary<ulong, SwitchingKey>();
        foreach (ulong g in _t.Galois.GaloisElements)
        {
            restricted[g] = _t.Galois.TryGet(g)!.RestrictedTo(maxLevel);
        }

        var ev = new Evaluator(_t.Context, new EvaluationKeys(new RelinearizationKey(_t.Relin.Key.RestrictedTo(maxLevel)), new GaloisKeys(_t.Parameters, restricted)));
        Complex[] x = _t.RandomVector(31), y = _t.RandomVector(32);
        for (int level = 1; level <= maxLevel; level++)
        {
            Ciphertext a = _t.Encrypt(x, level), b = _t.Encrypt(y, level);
            Assert.True(SameCiphertext(_t.Evaluator.RotateNew(a, 1), ev.RotateNew(a, 1)), $"rotation at level {level}");
            Assert.True(SameCiphertext(_t.Evaluator.RotateNew(a, -3), ev.RotateNew(a, -3)), $"rotation by −3 at level {level}");
            Assert.True(SameCiphertext(_t.Evaluator.MultiplyRelinNew(a, b), ev.MultiplyRelinNew(a, b)), $"relinearization at level {level}");
            var h1 = new[] { new Ciphertext(_t.Parameters), new Ciphertext(_t.Parameters) };
            var h2 = new[] { new Ciphertext(_t.Parameters), new Ciphertext(_t.Parameters) };
            _t.Evaluator.RotateHoisted(a, [2, 5], h1);
            ev.RotateHoisted(a, [2, 5], h2);
            Assert.True(SameCiphertext(h1[0], h2[0]) && SameCiphertext(h1[1], h2[1]), $"hoisted rotations at level {level}");
        }

        // Level 0 as well (only for maxLevel 0 this is the only level).
        Ciphertext z = _t.Encrypt(x, 0);
        Assert.True(SameCiphertext(_t.Evaluator.RotateNew(z, 1), ev.RotateNew(z, 1)));
    }

    [Fact]
    public void FreshlyGeneratedRestrictedKeysDecryptAsPreciselyAsFullKeys()
    {
        const int maxLevel = 3;
        GaloisKeys g = _t.KeyGen.CreateGaloisKeys([1, -3], includeConjugation: true, maxLevel);
        RelinearizationKey rl = _t.KeyGen.CreateRelinearizationKey(maxLevel);
        Assert.All(g.GaloisElements, e => Assert.Equal(maxLevel, g.TryGet(e)!.MaxLevel));
        Assert.Equal(maxLevel, rl.Key.MaxLevel);
        var ev = new Evaluator(_t.Context, new EvaluationKeys(rl, g));
        Complex[] x = _t.RandomVector(41), y = _t.RandomVector(42);
        Ciphertext a = _t.Encrypt(x, maxLevel), b = _t.Encrypt(y, maxLevel);
        double full = CkksTestContext.PrecisionBits(Rotated(x, 1), _t.Decrypt(_t.Evaluator.RotateNew(a, 1)));
        double restricted = CkksTestContext.PrecisionBits(Rotated(x, 1), _t.Decrypt(ev.RotateNew(a, 1)));
        Assert.True(restricted >= 24 && Math.Abs(restricted - full) < 2, $"restricted {restricted:F2} bits vs full {full:F2} bits");
        CkksTestContext.AssertPrecision(Rotated(x, _t.Slots - 3), _t.Decrypt(ev.RotateNew(a, -3)), 24);
        CkksTestContext.AssertPrecision([.. x.Select(Complex.Conjugate)], _t.Decrypt(Conj(ev, a)), 24);
        CkksTestContext.AssertPrecision([.. x.Zip(y, (p, q) => p * q)], _t.Decrypt(ev.MultiplyRelinRescaleNew(a, b)), 23);
    }

    [Fact]
    public void KeySwitchingAboveTheKeysLevelThrowsNamingBothLevels()
    {
        GaloisKeys g = _t.KeyGen.CreateGaloisKeys([1], includeConjugation: false, maxLevel: 2);
        var ev = new Evaluator(_t.Context, new EvaluationKeys(_t.KeyGen.CreateRelinearizationKey(2), g));
        Ciphertext a = _t.Encrypt(_t.RandomVector(51), 4);
        var ex = Assert.Throws<KeyLevelException>(() => ev.RotateNew(a, 1));
        Assert.Contains("levels ≤ 2", ex.Message);
        Assert.Contains("level 4", ex.Message);
        var relin = Assert.Throws<KeyLevelException>(() => ev.MultiplyRelinNew(a, a));
        Assert.Contains("level 4", relin.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _t.KeyGen.CreateGaloisKeys([1], false, _t.Parameters.MaxLevel + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.TryGet(g.GaloisElements.First())!.RestrictedTo(3));
    }
}
