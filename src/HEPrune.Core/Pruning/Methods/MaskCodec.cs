using System.Buffers.Binary;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>Encodes a plaintext keep-mask as the client sends it: a 4-byte little-endian count and ⌈N/8⌉ bit-packed bytes.</summary>
public static class MaskCodec
{
    /// <summary>Returns the wire form of the mask (4 + ⌈N/8⌉ bytes; 5,473 bytes for CIFAR-10's 43,750 samples).</summary>
    public static byte[] Encode(ReadOnlySpan<bool> mask)
    {
        var bytes = new byte[4 + (mask.Length + 7) / 8];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, mask.Length);
        for (int i = 0; i < mask.Length; i++)
            if (mask[i]) bytes[4 + (i >> 3)] |= (byte)(1 << (i & 7));
        return bytes;
    }

    /// <summary>Restores a mask written by <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The bytes are truncated or the count is inconsistent.</exception>
    public static bool[] Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4) throw new FormatException($"MaskCodec.Decode: {bytes.Length} bytes, expected at least 4.");
        int n = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (n < 0 || bytes.Length != 4 + (n + 7) / 8)
            throw new FormatException($"MaskCodec.Decode: count {n} does not match {bytes.Length} bytes.");
        var mask = new bool[n];
        for (int i = 0; i < n; i++) mask[i] = (bytes[4 + (i >> 3)] & (1 << (i & 7))) != 0;
        return mask;
    }
}
