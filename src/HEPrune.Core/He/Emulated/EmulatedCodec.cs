using System.Buffers.Binary;

namespace HEPrune.Core.He.Emulated;

/// <summary>
/// Serializes emulated ciphertexts (header + float64 slots) and reports the byte size the same ciphertext would have
/// in CKKS, which is what the channel counts.
/// </summary>
public sealed class EmulatedCodec : ICiphertextCodec
{
    private const uint Magic = 0x4D454548; // "HEEM"
    private const int HeaderSize = 4 + 4 + 8 + 4 + 1;
    private readonly HeParameters _parameters;

    /// <summary>Creates a codec for the given shape.</summary>
    public EmulatedCodec(HeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
    }

    /// <inheritdoc />
    public byte[] Serialize(HeCiphertext ciphertext)
    {
        if (ciphertext is not EmulatedCiphertext x)
            throw new ArgumentException($"Serialize: ciphertext of type {ciphertext?.GetType().Name ?? "null"} does not belong to the emulated backend.", nameof(ciphertext));
        int n = x.Slots;
        var bytes = new byte[HeaderSize + 8 * n * (x.Im is null ? 1 : 2)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], x.Level);
        BinaryPrimitives.WriteDoubleLittleEndian(span[8..], x.Scale);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], n);
        span[20] = x.Im is null ? (byte)0 : (byte)1;
        int o = Write(span, HeaderSize, x.Re);
        if (x.Im is not null) Write(span, o, x.Im);
        return bytes;
    }

    /// <inheritdoc />
    public HeCiphertext Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
            throw new FormatException($"Deserialize: {bytes.Length} bytes do not start with an emulated-ciphertext header.");
        int level = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        double scale = BinaryPrimitives.ReadDoubleLittleEndian(bytes[8..]);
        int n = BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]);
        bool hasIm = bytes[20] != 0;
        if (n != _parameters.Slots || (uint)level > (uint)_parameters.MaxLevel)
            throw new FormatException($"Deserialize: slots {n} / level {level} do not fit parameters ({_parameters.Slots} slots, max level {_parameters.MaxLevel}).");
        long expected = HeaderSize + 8L * n * (hasIm ? 2 : 1);
        if (bytes.Length != expected)
            throw new FormatException($"Deserialize: length {bytes.Length}, expected {expected}.");
        var re = SlotArray.Uninitialized(n);
        int o = Read(bytes, HeaderSize, re);
        SlotArray? im = null;
        if (hasIm)
        {
            im = SlotArray.Uninitialized(n);
            Read(bytes, o, im);
        }
        return new EmulatedCiphertext(re, im, level, scale);
    }

    private static int Write(Span<byte> span, int o, SlotArray a)
    {
        foreach (var ch in a.Chunks)
            for (int i = 0; i < ch.Length; i++, o += 8) BinaryPrimitives.WriteDoubleLittleEndian(span[o..], ch[i]);
        return o;
    }

    private static int Read(ReadOnlySpan<byte> bytes, int o, SlotArray a)
    {
        foreach (var ch in a.Chunks)
            for (int i = 0; i < ch.Length; i++, o += 8) ch[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[o..]);
        return o;
    }

    /// <inheritdoc />
    public long WireBytes(HeCiphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return _parameters.CiphertextBytes(ciphertext.Level);
    }
}
