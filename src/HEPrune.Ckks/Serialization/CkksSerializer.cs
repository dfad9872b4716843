using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Serialization;

/// <summary>
/// Versioned binary serialization of parameters, keys, plaintexts and ciphertexts, with exact sizes available up front
/// (<c>GetSerializedSize</c>) and strict validation on load.
/// </summary>
/// <remarks>
/// Layout: a 48-byte header (magic "HECK", format version 2, kind, flags, SHA-256 parameter fingerprint, payload length), then the payload.
/// Residues are little-endian u64, limb-major (limb i of a polynomial = N consecutive values mod the i-th prime), in NTT form.
/// Ciphertext payload: level (i32), size (i32), scale (f64), then either size·(level+1)·N residues, or — for a fresh secret-key
/// encryption (flag "seeded") — the 32-byte seed of c_1 followed by c_0 only, about half the bytes. Loading checks the magic, version,
/// kind, flags, fingerprint (the object must belong to the given context's parameters), every length, every level/size/scale and that
/// every residue is below its prime; any violation throws <see cref="CkksFormatException"/>.
/// Switching-key payload (version 2): Galois element (u64), max level L (i32), digit count (i32, must be ⌈(L + 1)/α⌉), then per digit b and a,
/// each (L + 1 + |P|)·N residues (limbs q_0..q_L, then P). Version-1 keys (no L; always the whole chain) are still read.
/// </remarks>
public static partial class CkksSerializer
{
    /// <summary>Returns the exact serialized size of <paramref name="ciphertext"/> in bytes (seeded form if it has a seed).</summary>
    public static long GetSerializedSize(Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        long polys = ciphertext.Seed is not null ? 1 : ciphertext.Size;
        return WireHeader.Size + 16 + (ciphertext.Seed is not null ? Randomness.CsPrng.SeedSize : 0) + polys * (ciphertext.Level + 1) * ciphertext.Parameters.N * 8L;
    }

    /// <summary>Returns the exact serialized size of <paramref name="plaintext"/> in bytes.</summary>
    public static long GetSerializedSize(Plaintext plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return WireHeader.Size + 12 + (plaintext.Level + 1) * (long)plaintext.Parameters.N * 8;
    }

    /// <summary>Returns the exact serialized size of a parameter set.</summary>
    public static long GetSerializedSize(CkksParameters parameters) => WireHeader.Size + parameters.CanonicalBytes().Length;

    /// <summary>Returns the exact serialized size of a public key.</summary>
    public static long GetSerializedSize(PublicKey key) => WireHeader.Size + 2L * (key.Parameters.MaxLevel + 1) * key.Parameters.N * 8;

    /// <summary>Returns the exact serialized size of a secret key.</summary>
    public static long GetSerializedSize(SecretKey key) => WireHeader.Size + QpLimbs(key.Parameters) * (long)key.Parameters.N * 8;

    /// <summary>Returns the exact serialized size of a relinearization key.</summary>
    public static long GetSerializedSize(RelinearizationKey key) => WireHeader.Size + SwitchingKeySize(key?.Key ?? throw new ArgumentNullException(nameof(key)));

    /// <summary>Returns the exact serialized size of a set of Galois keys.</summary>
    public static long GetSerializedSize(GaloisKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        long size = WireHeader.Size + 4;
        foreach (SwitchingKey k in keys.All)
        {
            size += SwitchingKeySize(k);
        }

        return size;
    }

    /// <summary>Serializes a ciphertext (seeded form when it is a fresh secret-key encryption).</summary>
    public static byte[] Serialize(Ciphertext ciphertext)
    {
        byte[] bytes = Allocate(GetSerializedSize(ciphertext));
        byte flags = (byte)(Flags(ciphertext.Parameters) | (ciphertext.Seed is not null ? WireHeader.FlagSeeded : 0));
        var w = Begin(bytes, ObjectKind.Ciphertext, flags, ciphertext.Parameters);
        w.WriteInt32(ciphertext.Level);
        w.WriteInt32(ciphertext.Size);
        w.WriteDouble(ciphertext.Scale);
        if (ciphertext.Seed is not null)
        {
            w.WriteBytes(ciphertext.Seed);
            w.WriteResidues(ciphertext.Poly(0).Data);
        }
        else
        {
            for (int k = 0; k < ciphertext.Size; k++)
            {
                w.WriteResidues(ciphertext.Poly(k).Data);
            }
        }

        return bytes;
    }

    /// <summary>Serializes a plaintext.</summary>
    public static byte[] Serialize(Plaintext plaintext)
    {
        byte[] bytes = Allocate(GetSerializedSize(plaintext));
        var w = Begin(bytes, ObjectKind.Plaintext, Flags(plaintext.Parameters), plaintext.Parameters);
        w.WriteInt32(plaintext.Level);
        w.WriteDouble(plaintext.Scale);
        w.WriteResidues(plaintext.Poly.Data);
        return bytes;
    }

    /// <summary>Serializes a parameter set (its canonical encoding; the header fingerprint is its SHA-256).</summary>
    public static byte[] Serialize(CkksParameters parameters)
    {
        byte[] bytes = Allocate(GetSerializedSize(parameters));
        var w = Begin(bytes, ObjectKind.Parameters, Flags(parameters), parameters);
        w.WriteBytes(parameters.CanonicalBytes());
        return bytes;
    }

    /// <summary>Serializes a public key.</summary>
    public static byte[] Serialize(PublicKey key)
    {
        byte[] bytes = Allocate(GetSerializedSize(key));
        var w = Begin(bytes, ObjectKind.PublicKey, Flags(key.Parameters), key.Parameters);
        w.WriteResidues(key.B.Data);
        w.WriteResidues(key.A.Data);
        return bytes;
    }

    /// <summary>Serializes a secret key (keep the bytes on the client).</summary>
    public static byte[] Serialize(SecretKey key)
    {
        byte[] bytes = Allocate(GetSerializedSize(key));
        var w = Begin(bytes, ObjectKind.SecretKey, Flags(key.Parameters), key.Parameters);
        w.WriteResidues(key.Poly.Data);
        return bytes;
    }

    /// <summary>Serializes a relinearization key.</summary>
    public static byte[] Serialize(RelinearizationKey key)
    {
        byte[] bytes = Allocate(GetSerializedSize(key));
        var w = Begin(bytes, ObjectKind.RelinearizationKey, Flags(key.Parameters), key.Parameters);
        WriteSwitchingKey(ref w, key.Key);
        return bytes;
    }

    /// <summary>Serializes a set of Galois keys (ordered by Galois element).</summary>
    public static byte[] Serialize(GaloisKeys keys)
    {
        byte[] bytes = Allocate(GetSerializedSize(keys));
        var w = Begin(bytes, ObjectKind.GaloisKeys, Flags(keys.Parameters), keys.Parameters);
        w.WriteInt32(keys.Count);
        foreach (SwitchingKey k in keys.All.OrderBy(k => k.GaloisElement))
        {
            WriteSwitchingKey(ref w, k);
        }

        return bytes;
    }

    private static int QpLimbs(CkksParameters p) => p.Q.Count + p.P.Count;

    private static long SwitchingKeySize(SwitchingKey key) => 16 + key.SizeInBytes;

    /// <summary>The smallest possible switching-key payload (restricted to level 0: one digit over q_0 and P), to bound counts read from input.</summary>
    private static long MinSwitchingKeySize(CkksParameters p) => 16 + 2L * (1 + p.P.Count) * p.N * 8;

    private static byte Flags(CkksParameters p) => p.IsTestOnlyInsecure ? WireHeader.FlagInsecure : (byte)0;

    private static byte[] Allocate(long size) => size <= Array.MaxLength
        ? new byte[size]
        : throw new NotSupportedException($"Serialize: {size} bytes exceed the largest .NET array; serialize the keys in smaller groups.");

    private static PayloadWriter Begin(byte[] bytes, ObjectKind kind, byte flags, CkksParameters p)
    {
        new WireHeader(kind, flags, p.Fingerprint, (ulong)(bytes.Length - WireHeader.Size)).Write(bytes);
        return new PayloadWriter(bytes.AsSpan(WireHeader.Size));
    }

    private static void WriteSwitchingKey(ref PayloadWriter w, SwitchingKey key)
    {
        if (key.B[0].LimbCount != key.LimbCount)
        {
            throw new InvalidOperationException($"Serialize: the switching key has {key.B[0].LimbCount} limbs per polynomial, not the {key.LimbCount} of the hybrid layout; it cannot be serialized as a switching key.");
        }

        w.WriteUInt64(key.GaloisElement);
        w.WriteInt32(key.MaxLevel);
        w.WriteInt32(key.DigitCount);
        for (int d = 0; d < key.DigitCount; d++)
        {
            w.WriteResidues(key.B[d].Data);
            w.WriteResidues(key.A[d].Data);
        }
    }

    private static void ReadPoly(ref PayloadReader r, CkksContext ctx, RnsPoly poly, int limbs, Func<int, int> map, string field)
    {
        for (int i = 0; i < limbs; i++)
        {
            r.ReadResidues(poly.Limb(i), ctx.QpModuli[map(i)], $"{field} limb {i}");
        }
    }
}
