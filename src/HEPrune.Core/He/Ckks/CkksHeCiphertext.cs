using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <summary>
/// The CKKS backend's ciphertext: a real RNS-CKKS ciphertext (public data only) plus the nominal scale the
/// backend-neutral layer reasons with, and the id of the key set it was encrypted under.
/// </summary>
/// <remarks><see cref="HeCiphertext.Scale"/> is the nominal scale (identical to the emulated backend's); the actual CKKS
/// scale is <c>Inner.Scale</c> = nominal·r_ℓ (see the backend's docs/backends.md, scale management).</remarks>
public sealed class CkksHeCiphertext : HeCiphertext
{
    internal CkksHeCiphertext(Ciphertext inner, double nominalScale, Guid keySetId)
        : base(inner.Level, nominalScale, inner.Parameters.Slots)
    {
        Inner = inner;
        KeySetId = keySetId;
    }

    /// <summary>The CKKS library ciphertext (never written after construction).</summary>
    internal Ciphertext Inner { get; }

    /// <summary>Identifies the key set (secret key) this ciphertext belongs to.</summary>
    internal Guid KeySetId { get; }
}
