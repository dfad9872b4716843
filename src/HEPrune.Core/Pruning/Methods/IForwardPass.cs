using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// The trainer's hook that pruning needs for re-scoring: the encrypted class probabilities of one batch group under
/// the current model (samples in rows, classes in columns 0…c−1, as HETAL's softmax leaves them).
/// </summary>
public interface IForwardPass
{
    /// <summary>Returns P = softmax(X·Wᵀ) for the batch group (its feature ciphertexts; the label ciphertext is ignored).</summary>
    HeCiphertext Probabilities(IReadOnlyList<HeCiphertext> group);
}
