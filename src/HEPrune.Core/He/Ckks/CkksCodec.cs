using HEPrune.Ckks.Scheme;
using HEPrune.Ckks.Serialization;

namespace HEPrune.Core.He.Ckks;

/// <summary>
/// Serializes CKKS-backend ciphertexts in the CKKS library's versioned wire format; <see cref="WireBytes"/> is the
/// library's exact serialized size. Deserialized ciphertexts are attributed to this backend's key set.
/// </summary>
public sealed class CkksCodec : ICiphertextCodec
{
    private readonly CkksContext _ctx;
    private readonly ScaleLadder _ladder;
    private readonly Guid _keySetId;

    internal CkksCodec(CkksContext context, ScaleLadder ladder, Guid keySetId)
    {
        _ctx = context;
        _ladder = ladder;
        _keySetId = keySetId;
    }

    /// <inheritdoc />
    public byte[] Serialize(HeCiphertext ciphertext) => CkksSerializer.Serialize(Unwrap(ciphertext, "Serialize").Inner);

    /// <inheritdoc />
    /// <exception cref="FormatException">The bytes are not a ciphertext of these parameters, or its scale was not produced by this backend.</exception>
    public HeCiphertext Deserialize(ReadOnlySpan<byte> bytes)
    {
        var ct = CkksSerializer.DeserializeCiphertext(bytes, _ctx);
        if (ct.Size != 2)
            throw new FormatException($"Deserialize: the ciphertext has {ct.Size} polynomials; the ckks backend only exchanges relinearized ciphertexts (2).");
        return new CkksHeCiphertext(ct, _ladder.Nominal(ct.Scale, ct.Level), _keySetId);
    }

    /// <inheritdoc />
    public long WireBytes(HeCiphertext ciphertext) => CkksSerializer.GetSerializedSize(Unwrap(ciphertext, "WireBytes").Inner);

    private static CkksHeCiphertext Unwrap(HeCiphertext ciphertext, string op)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return ciphertext as CkksHeCiphertext
            ?? throw new ArgumentException($"{op}: ciphertext of type {ciphertext.GetType().Name} does not belong to the ckks backend.", nameof(ciphertext));
    }
}
