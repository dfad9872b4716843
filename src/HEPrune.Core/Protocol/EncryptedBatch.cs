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
    /// The sample count the gradient is averaged over (defaults to <see cref="Count"/>): −lr/Live scales the error.
    /// For a batch whose pruned rows were zeroed in place it stays the original batch size (docs/pruning.md).
    /// </summary>
    public int Live { get; init; } = Count;

    /// <summary>Number of ciphertexts the batch occupies (Bk + 1).</summary>
    public int CiphertextCount => Features.Count + 1;
}
