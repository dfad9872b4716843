namespace HEPrune.Core.He;

/// <summary>Serializes ciphertexts of one backend for the channel and reports their CKKS wire size.</summary>
public interface ICiphertextCodec
{
    /// <summary>Writes a ciphertext to bytes that <see cref="Deserialize"/> restores exactly.</summary>
    byte[] Serialize(HeCiphertext ciphertext);

    /// <summary>Restores a ciphertext written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The bytes are not a ciphertext of this backend.</exception>
    HeCiphertext Deserialize(ReadOnlySpan<byte> bytes);

    /// <summary>Bytes a CKKS ciphertext at this level occupies on the wire (what communication tables count).</summary>
    long WireBytes(HeCiphertext ciphertext);
}
