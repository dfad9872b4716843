using HEPrune.Core.He;

namespace HEPrune.Core.Protocol;

/// <summary>
/// One encrypted training batch as the server holds it: Bk feature blocks X̄ (bias included), one label block Y
/// (one-hot in columns 0 … c−1) and the number of real samples (rows) it carries.
/// </summary>
/// <param name="Features">The Bk feature ciphertexts.</param>
/// <param name="Labels">The one-hot label ciphertext.</param>
/// <param name="Count">Real samples in the batch (rows 0 … Count−1); the rest are zero rows.</param>
public sealed record EncryptedBatch(IReadOnlyList<HeCiphertext> Features, HeCiphertext Labels, int Count)
{
    /// <summary>
    /// Samples that really take part (defaults to <see cref="Count"/>). Smaller when pruned rows inside 0 … Count−1 were
    /// zeroed in place by a plaintext mask the server knows; the gradient is averaged over these samples, as a
    /// plaintext mini-batch of the kept samples would be.
    /// </summary>
    public int Live { get; init; } = Count;

    /// <summary>Number of ciphertexts the batch occupies (Bk + 1).</summary>
    public int CiphertextCount => Features.Count + 1;
}
