using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>The training set for the epochs until the next pruning round, as returned to the trainer.</summary>
/// <param name="Groups">Batch groups to train on (after CWP: ⌈kept/B⌉ of them; without CWP: all, with pruned rows zeroed).</param>
/// <param name="KeptSamples">Samples kept (exactly for plaintext masks; the nominal k for the encrypted baseline mask).</param>
/// <param name="SamplesPerGroup">Kept samples in each returned group (for an encrypted mask, which the server cannot read: the group's rows).</param>
/// <param name="RowExtents">
/// Per group, one past the last row that may hold a kept sample (rows at or beyond it are zero). Kept rows need not be
/// contiguous: in-place masking leaves holes, and CWP's last partial output keeps its base's scattered rows.
/// </param>
public sealed record PrunedData(IReadOnlyList<HeCiphertext[]> Groups, int KeptSamples, IReadOnlyList<int> SamplesPerGroup, IReadOnlyList<int> RowExtents)
{
    /// <summary>
    /// Per group, the sample count its gradient is averaged over (null: <see cref="SamplesPerGroup"/>). Groups masked in
    /// place keep their original batch size here, so that an epoch's total update equals plaintext training on the kept
    /// subset with batch B (about keep·B live rows per step, 1/keep times as many steps); see docs/pruning.md.
    /// </summary>
    public IReadOnlyList<int>? GradientDivisors { get; init; }

    /// <summary>Total ciphertexts over all groups.</summary>
    public int CiphertextCount
    {
        get
        {
            int n = 0;
            foreach (var g in Groups) n += g.Length;
            return n;
        }
    }
}
