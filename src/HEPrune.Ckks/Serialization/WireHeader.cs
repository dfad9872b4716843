using System.Buffers.Binary;

namespace HEPrune.Ckks.Serialization;

/// <summary>
/// The 48-byte header in front of every serialized object: magic "HECK" (4 bytes), format version (u16), kind (u8), flags (u8: bit 0 =
/// test-only insecure parameters, bit 1 = seeded ciphertext), SHA-256 parameter fingerprint (32 bytes), payload length in bytes (u64).
/// All integers little-endian.
/// </summary>
/// <remarks>
/// Version 2 (current) adds the max level L of every switching key (level-restricted key layout: q_0..q_L and P); version 1 keys, which have
/// no such field and always span the whole chain, are still read. All other payloads are the same in both versions.
/// </remarks>
internal readonly record struct WireHeader(ObjectKind Kind, byte Flags, byte[] Fingerprint, ulong PayloadLength, ushort FormatVersion = WireHeader.Version)
{
    public const int Size = 48;
    public const ushort Version = 2;
    public const ushort OldestReadableVersion = 1;
    public const byte FlagInsecure = 1;
    public const byte FlagSeeded = 2;
    private static ReadOnlySpan<byte> Magic => "HECK"u8;

    public void Write(Span<byte> s)
    {
        Magic.CopyTo(s);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], Version);
        s[6] = (byte)Kind;
        s[7] = Flags;
        Fingerprint.CopyTo(s[8..40]);
        BinaryPrimitives.WriteUInt64LittleEndian(s[40..], PayloadLength);
    }

    public static WireHeader Read(ReadOnlySpan<byte> data, ObjectKind expected)
    {
        if (data.Length < Size)
        {
            throw new CkksFormatException($"Deserialize {expected}: input is {data.Length} bytes, shorter than the {Size}-byte header.");
        }

        if (!data[..4].SequenceEqual(Magic))
        {
            throw new CkksFormatException($"Deserialize {expected}: bad magic (expected \"HECK\"); not a HEPrune CKKS object.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        if (version < OldestReadableVersion || version > Version)
        {
            throw new CkksFormatException($"Deserialize {expected}: unsupported format version {version} (this library reads versions {OldestReadableVersion}–{Version}).");
        }

        var kind = (ObjectKind)data[6];
        if (kind != expected)
        {
            throw new CkksFormatException($"Deserialize {expected}: the bytes hold a {(Enum.IsDefined(kind) ? kind.ToString() : $"kind {data[6]}")} object.");
        }

        byte flags = data[7];
        if ((flags & ~(FlagInsecure | FlagSeeded)) != 0)
        {
            throw new CkksFormatException($"Deserialize {expected}: unknown flags 0x{flags:X2}.");
        }

        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(data[40..]);
        if (length != (ulong)(data.Length - Size))
        {
            throw new CkksFormatException($"Deserialize {expected}: header announces {length} payload bytes but {data.Length - Size} follow (truncated or padded input).");
        }

        return new WireHeader(kind, flags, data[8..40].ToArray(), length, version);
    }
}
