using System.Numerics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Tests.Scheme;

public class EncryptionTests : IClassFixture<N10Fixture>
{
    private readonly CkksTestContext _t;

    public EncryptionTests(N10Fixture f) => _t = f.Ctx;

    [Theory]
    [InlineData(5)]
    [InlineData(0)]
    public void PublicKeyEncryptDecryptIsPrecise(int level)
    {
        Complex[] v = _t.RandomVector(1);
        Ciphertext ct = _t.Encrypt(v, level);
        Assert.Equal(level, ct.Level);
        // Public-key encryption noise at N = 2^10, Δ = 2^40 is about 2^-26 per slot (max over 512 slots).
        CkksTestContext.AssertPrecision(v, _t.Decrypt(ct), 24);
    }

    [Fact]
    public void SecretKeyEncryptionIsSeededAndDecrypts()
    {
        Complex[] v = _t.RandomVector(2);
        Ciphertext ct = _t.SkEncryptor.Encrypt(_t.Encoder.Encode(v, 3, _t.Parameters.DefaultScale));
        Assert.NotNull(ct.Seed);
        CkksTestContext.AssertPrecision(v, _t.Decrypt(ct), 29);
    }

    [Fact]
    public void TwoEncryptionsOfTheSameMessageDiffer()
    {
        Plaintext pt = _t.Encoder.Encode(_t.RandomVector(3), 2, _t.Parameters.DefaultScale);
        Ciphertext a = _t.Encryptor.Encrypt(pt), b = _t.Encryptor.Encrypt(pt);
        Assert.False(a.Poly(0).Data.SequenceEqual(b.Poly(0).Data));
    }

    [Fact]
    public void InsecureParametersAreFlaggedEverywhere()
    {
        Ciphertext ct = _t.Encrypt(_t.RandomVector(4));
        Assert.True(ct.IsTestOnlyInsecure);
        Assert.Contains("INSECURE", ct.ToString());
        Assert.Contains("INSECURE", _t.Parameters.ToString());
    }

    [Fact]
    public void ObjectsFromOtherParametersAreRejected()
    {
        var other = new CkksContext(Presets.InsecureTestN11);
        var otherKeys = new KeyGenerator(other);
        Assert.Throws<ParametersMismatchException>(() => new Decryptor(_t.Context, otherKeys.SecretKey));
        var ct = new Ciphertext(Presets.InsecureTestN11);
        Assert.Throws<ParametersMismatchException>(() => _t.Decryptor.Decrypt(ct));
    }
}
