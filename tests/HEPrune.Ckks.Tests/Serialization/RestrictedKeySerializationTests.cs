using System.Buffers.Binary;
using System.Numerics;
using HEPrune.Ckks.Scheme;
using HEPrune.Ckks.Serialization;
using HEPrune.Ckks.Tests.Scheme;

namespace HEPrune.Ckks.Tests.Serialization;

/// <summary>Format version 2: switching keys carry their max level; restricted layouts round-trip, version-1 (whole-chain) keys still load.</summary>
public class RestrictedKeySerializationTests : IClassFixture<N10Fixture>
{
    private const int MaxLevel = 2;
    private readonly CkksTestContext _t;

    public RestrictedKeySerializationTests(N10Fixture f) => _t = f.Ctx;

    private static bool SameKey(SwitchingKey a, SwitchingKey b)
    {
        if (a.MaxLevel != b.MaxLevel || a.DigitCount != b.DigitCount || a.GaloisElement != b.GaloisElement)
        {
            return false;
        }

        for (int d = 0; d < a.DigitCount; d++)
        {
            if (!a.B[d].Data.SequenceEqual(b.B[d].Data) || !a.A[d].Data.SequenceEqual(b.A[d].Data))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void RestrictedGaloisAndRelinearizationKeysRoundTripWithTheirLayout()
    {
        GaloisKeys g = _t.KeyGen.CreateGaloisKeys([1, -3], includeConjugation: true, MaxLevel);
        RelinearizationKey rl = _t.KeyGen.CreateRelinearizationKey(MaxLevel);
        byte[] gBytes = CkksSerializer.Serialize(g), rBytes = CkksSerializer.Serialize(rl);
        int n = _t.Parameters.N, k = _t.Parameters.P.Count, digits = 2; // α = 2: levels 0..2 need two digits
        Assert.Equal(48 + 4 + 3 * (16 + 2L * digits * (MaxLevel + 1 + k) * n * 8), gBytes.Length);
        Assert.Equal(CkksSerializer.GetSerializedSize(g), gBytes.Length);
        Assert.Equal(CkksSerializer.GetSerializedSize(rl), rBytes.Length);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(gBytes.AsSpan(4)));

        GaloisKeys g2 = CkksSerializer.DeserializeGaloisKeys(gBytes, _t.Context);
        RelinearizationKey r2 = CkksSerializer.DeserializeRelinearizationKey(rBytes, _t.Context);
        Assert.True(SameKey(rl.Key, r2.Key));
        foreach (ulong e in g.GaloisElements)
        {
            Assert.True(SameKey(g.TryGet(e)!, g2.TryGet(e)!), $"Galois element {e}");
        }

        // The loaded keys work at their levels and refuse higher ones.
        var ev = new Evaluator(_t.Context, new EvaluationKeys(r2, g2));
        Complex[] x = _t.RandomVector(61);
        Ciphertext ct = _t.Encrypt(x, MaxLevel);
        CkksTestContext.AssertPrecision(EvaluatorTests.Rotated(x, 1), _t.Decrypt(ev.RotateNew(ct, 1)), 24);
        Assert.Throws<KeyLevelException>(() => ev.RotateNew(_t.Encrypt(x, MaxLevel + 1), 1));
    }

    [Fact]
    public void VersionOneKeysStillLoadAsWholeChainKeys()
    {
        // A version-1 relinearization key is the version-2 bytes of a whole-chain key without the max-level field.
        byte[] v2 = CkksSerializer.Serialize(_t.Relin);
        byte[] v1 = [.. v2[..(48 + 8)], .. v2[(48 + 12)..]];
        BinaryPrimitives.WriteUInt16LittleEndian(v1.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(v1.AsSpan(40), (ulong)(v1.Length - 48));
        RelinearizationKey back = CkksSerializer.DeserializeRelinearizationKey(v1, _t.Context);
        Assert.Equal(_t.Parameters.MaxLevel, back.Key.MaxLevel);
        Assert.True(SameKey(_t.Relin.Key, back.Key));
    }

    [Fact]
    public void InconsistentLayoutsAndFutureVersionsAreRejected()
    {
        byte[] good = CkksSerializer.Serialize(_t.KeyGen.CreateRelinearizationKey(MaxLevel));

        byte[] level = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(level.AsSpan(48 + 8), _t.Parameters.MaxLevel + 1);
        Assert.Contains("max level", Assert.Throws<CkksFormatException>(() => CkksSerializer.DeserializeRelinearizationKey(level, _t.Context)).Message);

        byte[] digits = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(digits.AsSpan(48 + 12), 3);
        Assert.Contains("3 digits, expected 2", Assert.Throws<CkksFormatException>(() => CkksSerializer.DeserializeRelinearizationKey(digits, _t.Context)).Message);

        byte[] shorter = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(shorter.AsSpan(48 + 8), 3); // level 3 also has two digits, but one more limb than the bytes hold
        Assert.Contains("truncated", Assert.Throws<CkksFormatException>(() => CkksSerializer.DeserializeRelinearizationKey(shorter, _t.Context)).Message);

        byte[] future = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(future.AsSpan(4), 3);
        Assert.Contains("version 3", Assert.Throws<CkksFormatException>(() => CkksSerializer.DeserializeRelinearizationKey(future, _t.Context)).Message);
    }
}
