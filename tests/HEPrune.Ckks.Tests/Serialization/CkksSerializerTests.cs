using System.Buffers.Binary;
using System.Numerics;
using HEPrune.Ckks.Scheme;
using HEPrune.Ckks.Serialization;
using HEPrune.Ckks.Tests.Scheme;

namespace HEPrune.Ckks.Tests.Serialization;

public class CkksSerializerTests : IClassFixture<N10Fixture>
{
    private readonly CkksTestContext _t;

    public CkksSerializerTests(N10Fixture f) => _t = f.Ctx;

    [Fact]
    public void CiphertextRoundTripDecryptsAndSizeIsExact()
    {
        Complex[] x = _t.RandomVector(1);
        Ciphertext ct = _t.Encrypt(x, 4);
        byte[] bytes = CkksSerializer.Serialize(ct);
        Assert.Equal(CkksSerializer.GetSerializedSize(ct), bytes.Length);
        Assert.Equal(48 + 16 + 2L * 5 * _t.Parameters.N * 8, bytes.Length);
        Ciphertext back = CkksSerializer.DeserializeCiphertext(bytes, _t.Context);
        Assert.Equal(ct.Level, back.Level);
        Assert.Equal(ct.Scale, back.Scale);
        Assert.True(ct.Poly(1).Data.SequenceEqual(back.Poly(1).Data));
        CkksTestContext.AssertPrecision(x, _t.Decrypt(back), 24);
    }

    [Fact]
    public void SizeThreeCiphertextRoundTrips()
    {
        Ciphertext ct = _t.Evaluator.MultiplyNew(_t.Encrypt(_t.RandomVector(2)), _t.Encrypt(_t.RandomVector(3)));
        byte[] bytes = CkksSerializer.Serialize(ct);
        Assert.Equal(CkksSerializer.GetSerializedSize(ct), bytes.Length);
        Ciphertext back = CkksSerializer.DeserializeCiphertext(bytes, _t.Context);
        Assert.Equal(3, back.Size);
        Assert.True(ct.Poly(2).Data.SequenceEqual(back.Poly(2).Data));
    }

    [Fact]
    public void SeededSecretKeyCiphertextIsAboutHalfAndExpandsIdentically()
    {
        Complex[] x = _t.RandomVector(4);
        Ciphertext ct = _t.SkEncryptor.Encrypt(_t.Encoder.Encode(x, _t.Parameters.MaxLevel, _t.Parameters.DefaultScale));
        byte[] seeded = CkksSerializer.Serialize(ct);
        Assert.Equal(CkksSerializer.GetSerializedSize(ct), seeded.Length);
        long full = 48 + 16 + 2L * (_t.Parameters.MaxLevel + 1) * _t.Parameters.N * 8;
        Assert.Equal(full - (_t.Parameters.MaxLevel + 1) * (long)_t.Parameters.N * 8 + 32, seeded.Length);
        Ciphertext back = CkksSerializer.DeserializeCiphertext(seeded, _t.Context);
        Assert.True(ct.Poly(1).Data.SequenceEqual(back.Poly(1).Data));
        CkksTestContext.AssertPrecision(x, _t.Decrypt(back), 24);

        // After any homomorphic operation the seed no longer describes c1: the full form is written.
        _t.Evaluator.Add(ct, ct, ct);
        Assert.Equal(full, CkksSerializer.Serialize(ct).Length);
    }

    [Fact]
    public void KeysPlaintextAndParametersRoundTrip()
    {
        CkksParameters p = CkksSerializer.DeserializeParameters(CkksSerializer.Serialize(_t.Parameters));
        Assert.Equal(_t.Parameters, p);
        Assert.True(p.IsTestOnlyInsecure);

        Plaintext pt = _t.Encoder.Encode(_t.RandomVector(5), 2, 1 << 30);
        byte[] ptBytes = CkksSerializer.Serialize(pt);
        Assert.Equal(CkksSerializer.GetSerializedSize(pt), ptBytes.Length);
        Assert.True(pt.Poly.Data.SequenceEqual(CkksSerializer.DeserializePlaintext(ptBytes, _t.Context).Poly.Data));

        // Keys loaded back are used for real work: encrypt with the loaded pk, relinearize and rotate with loaded keys, decrypt with loaded sk.
        var pk = CkksSerializer.DeserializePublicKey(CkksSerializer.Serialize(_t.PublicKey), _t.Context);
        var sk = CkksSerializer.DeserializeSecretKey(CkksSerializer.Serialize(_t.KeyGen.SecretKey), _t.Context);
        byte[] rlkBytes = CkksSerializer.Serialize(_t.Relin);
        Assert.Equal(CkksSerializer.GetSerializedSize(_t.Relin), rlkBytes.Length);
        var rlk = CkksSerializer.DeserializeRelinearizationKey(rlkBytes, _t.Context);
        byte[] gkBytes = CkksSerializer.Serialize(_t.Galois);
        Assert.Equal(CkksSerializer.GetSerializedSize(_t.Galois), gkBytes.Length);
        var gk = CkksSerializer.DeserializeGaloisKeys(gkBytes, _t.Context);
        Assert.Equal(_t.Galois.Count, gk.Count);
        var ev = new Evaluator(_t.Context, new EvaluationKeys(rlk, gk));
        Complex[] x = _t.RandomVector(6);
        Ciphertext ct = new Encryptor(_t.Context, pk).Encrypt(_t.Encoder.Encode(x, _t.Parameters.MaxLevel, _t.Parameters.DefaultScale));
        ct = ev.MultiplyRelinRescaleNew(ct, ct);
        ct = ev.RotateNew(ct, 1);
        Complex[] got = _t.Encoder.Decode(new Decryptor(_t.Context, sk).Decrypt(ct));
        CkksTestContext.AssertPrecision(EvaluatorTests.Rotated(x.Select(v => v * v).ToArray(), 1), got, 23);
    }

    [Fact]
    public void CorruptedInputsAreRejectedWithClearErrors()
    {
        byte[] good = CkksSerializer.Serialize(_t.Encrypt(_t.RandomVector(7), 1));

        AssertRejected(good[..20], "header");
        AssertRejected(good[..^8], "truncated");
        AssertRejected([.. good, 0], "payload bytes");

        byte[] magic = (byte[])good.Clone();
        magic[0] ^= 0xFF;
        AssertRejected(magic, "magic");

        byte[] version = (byte[])good.Clone();
        version[4] = 9;
        AssertRejected(version, "version");

        byte[] kind = (byte[])good.Clone();
        kind[6] = (byte)ObjectKind.Plaintext;
        AssertRejected(kind, "Plaintext");

        byte[] fingerprint = (byte[])good.Clone();
        fingerprint[10] ^= 1;
        AssertRejected(fingerprint, "other parameters");

        byte[] level = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(level.AsSpan(48), 99);
        AssertRejected(level, "level 99");

        byte[] size = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(size.AsSpan(52), 7);
        AssertRejected(size, "size 7");

        byte[] scale = (byte[])good.Clone();
        BinaryPrimitives.WriteDoubleLittleEndian(scale.AsSpan(56), double.NaN);
        AssertRejected(scale, "scale");

        byte[] coeff = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(coeff.AsSpan(64 + 8 * 3), _t.Parameters.Q[0]);
        AssertRejected(coeff, "not below its modulus");
    }

    [Fact]
    public void ObjectsForOtherParametersAreRejected()
    {
        var other = new CkksContext(Presets.InsecureTestN11);
        byte[] bytes = CkksSerializer.Serialize(_t.Encrypt(_t.RandomVector(8)));
        var ex = Assert.Throws<CkksFormatException>(() => CkksSerializer.DeserializeCiphertext(bytes, other));
        Assert.Contains("other parameters", ex.Message);
        Assert.Throws<CkksFormatException>(() => CkksSerializer.DeserializeRelinearizationKey(CkksSerializer.Serialize(_t.Relin), other));
    }

    [Fact]
    public void CorruptedParametersAreRejected()
    {
        byte[] bytes = CkksSerializer.Serialize(_t.Parameters);
        bytes[48] = 3; // LogN = 3
        Assert.Throws<CkksFormatException>(() => CkksSerializer.DeserializeParameters(bytes));
    }

    private void AssertRejected(byte[] bytes, string expectedInMessage)
    {
        var ex = Assert.Throws<CkksFormatException>(() => CkksSerializer.DeserializeCiphertext(bytes, _t.Context));
        Assert.Contains(expectedInMessage, ex.Message);
    }
}
