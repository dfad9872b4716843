namespace HEPrune.Core.Pruning.Cwp;

/// <summary>
/// Options of ciphertext-wise pruning planning and execution. The defaults reproduce the paper's one-sample-per-move
/// algorithm with the zeroing fix (spec-validation §4), whose op counts are Rot = C·(moves with k ≠ 0) and
/// CMult = C·moves + C·(zeroed outputs) for C ciphertexts per batch group.
/// </summary>
/// <param name="SameRow">
/// When the back ciphertext holds kept samples in rows that are free in the front one, move them all at once without
/// a rotation (one CMult per ciphertext). Not in the paper; spec-validation measured −47% rotations.
/// </param>
/// <param name="MergeSameShift">Merge moves into the same output from the same source with the same shift into one masked transfer (one CMult for several rows).</param>
/// <param name="ShareRotations">
/// Rotate each source ciphertext once per distinct shift and mask after the rotation (the order of <c>cwp.cpp</c>),
/// so that moves sharing a source and a shift share one rotation (a hoisted rotation).
/// </param>
public sealed record CwpOptions(bool SameRow = false, bool MergeSameShift = false, bool ShareRotations = false)
{
    /// <summary>The paper's algorithm with the zeroing fix and no optimisation.</summary>
    public static CwpOptions Paper { get; } = new();

    /// <summary>All optimisations on: same-row moves, merged transfers and shared rotations.</summary>
    public static CwpOptions Optimised { get; } = new(SameRow: true, MergeSameShift: true, ShareRotations: true);
}
