using HEPrune.Core.He;
using HEPrune.Core.Pruning.Scores;

namespace HEPrune.Core.Pruning.Sorting;

/// <summary>
/// The Prune Baseline's server-only masking (spec §3.2): an encrypted threshold read from the sorted scores, an
/// encrypted keep-mask M = 1{score &gt; H_t} per block, and masking of the data by ciphertext multiplication (no CWP:
/// the ciphertext count does not fall).
/// </summary>
/// <remarks>
/// <para>Threshold: H_t = (s₍k₎ + s₍k+1₎)/2, the midpoint of the k-th and (k+1)-th largest sorted scores, so the
/// comparison has a margin on both sides. Extracted with one CMult per involved ciphertext (½ at both positions)
/// and replicated to every slot by log2(slots) rotate-and-adds (then refreshed once if it lacks the 8 levels the
/// mask needs).</para>
/// <para>Mask per block: d = (scale·score ⊙ column 0) − H_t, m = (sign(d) + 1)/2 with the ½ folded into g₂, masked
/// to column 0 again and replicated along the row by log2(RowSlots) right rotate-and-adds. Cost per block: CMult 2,
/// Mult 15, Const 12, Rot log2(RowSlots); depth 9. Samples within ≈ 0.05 of H_t get fractional weights (the
/// composite's dead zone). Masking a group then costs one Mult per ciphertext.</para>
/// </remarks>
public static class EncryptedThresholdMask
{
    /// <summary>Levels <see cref="RowMask"/> consumes from the score block (mask 1, sign 7, mask 1).</summary>
    public const int MaskDepth = 1 + SignComposite.SignDepth + 1;

    /// <summary>Returns an encryption of H_t in every slot, read from descending-sorted ciphertexts.</summary>
    /// <param name="evaluator">Server-side evaluator.</param>
    /// <param name="sorted">Scores sorted in descending order across the ciphertexts.</param>
    /// <param name="keep">k, the number of samples kept; must satisfy 1 ≤ k &lt; total slots.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is outside [1, total slots).</exception>
    public static HeCiphertext Threshold(IHeEvaluator evaluator, IReadOnlyList<HeCiphertext> sorted, int keep)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(sorted);
        int slots = evaluator.Slots;
        long total = (long)sorted.Count * slots;
        if (keep < 1 || keep >= total)
            throw new ArgumentOutOfRangeException(nameof(keep), keep, $"EncryptedThresholdMask.Threshold: k must be in [1, {total}).");
        int i0 = keep - 1, i1 = keep;
        int a = i0 / slots, b = i1 / slots;
        HeCiphertext e;
        // The extraction mask plus the 8 levels RowMask needs after its own mask (refreshed here if short).
        var sa = LevelGuard.Ensure(evaluator, sorted[a], MaskDepth, "EncryptedThresholdMask.Threshold");
        if (a == b)
        {
            var v = new double[slots];
            v[i0 % slots] = 0.5;
            v[i1 % slots] = 0.5;
            e = evaluator.MultiplyPlain(sa, new SlotVector(v));
        }
        else
        {
            var sb = LevelGuard.Ensure(evaluator, sorted[b], MaskDepth, "EncryptedThresholdMask.Threshold");
            var va = new double[slots];
            var vb = new double[slots];
            va[i0 % slots] = 0.5;
            vb[i1 % slots] = 0.5;
            e = evaluator.Add(evaluator.MultiplyPlain(sa, new SlotVector(va)), evaluator.MultiplyPlain(sb, new SlotVector(vb)));
        }
        for (int j = 1; j < slots; j <<= 1) e = evaluator.Add(e, evaluator.Rotate(e, j));
        // RowMask subtracts H_t after its first mask and then needs the sign's 7 levels plus the final mask.
        return LevelGuard.Ensure(evaluator, e, MaskDepth - 1, "EncryptedThresholdMask.Threshold");
    }

    /// <summary>Returns the encrypted row mask of one score block: ≈ 1 over every slot of a kept sample's row, ≈ 0 elsewhere.</summary>
    /// <param name="evaluator">Server-side evaluator.</param>
    /// <param name="scoreBlock">Scores in column 0 of each row (garbage elsewhere).</param>
    /// <param name="threshold">H_t in every slot, on the same scale as <paramref name="scale"/>·score.</param>
    /// <param name="layout">Block layout (RowSlots must be a power of two).</param>
    /// <param name="scale">Factor applied to the scores (the one used before sorting).</param>
    public static HeCiphertext RowMask(IHeEvaluator evaluator, HeCiphertext scoreBlock, HeCiphertext threshold, SampleRowLayout layout, double scale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(layout);
        var s = LevelGuard.Ensure(evaluator, scoreBlock, MaskDepth, "EncryptedThresholdMask");
        threshold = LevelGuard.Ensure(evaluator, threshold, MaskDepth - 1, "EncryptedThresholdMask");
        var d = evaluator.Sub(evaluator.MultiplyPlain(s, layout.ColumnMask(evaluator.Slots, 0, scale)), threshold);
        var m = evaluator.AddConst(SignComposite.HalfSign(evaluator, d), 0.5);
        var m0 = evaluator.MultiplyPlain(m, layout.ColumnMask(evaluator.Slots, 0));
        for (int j = 1; j < layout.RowSlots; j <<= 1) m0 = evaluator.Add(m0, evaluator.Rotate(m0, -j));
        return m0;
    }

    /// <summary>Multiplies every ciphertext of a batch group by the encrypted row mask (one Mult each).</summary>
    public static HeCiphertext[] Apply(IHeEvaluator evaluator, IReadOnlyList<HeCiphertext> group, HeCiphertext rowMask)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(group);
        // The masked data replaces the training data, whose forward pass expects (almost) the levels fresh data has:
        // a mask below the data's level is refreshed first, so the products lose one level, as with a plaintext mask.
        int dataLevel = 0;
        foreach (var ct in group) dataLevel = Math.Max(dataLevel, ct.Level);
        var mask = rowMask.Level < dataLevel && evaluator.Refresher is not null
            ? evaluator.Refresh(rowMask)
            : LevelGuard.Ensure(evaluator, rowMask, 1, "EncryptedThresholdMask.Apply");
        var result = new HeCiphertext[group.Count];
        for (int i = 0; i < group.Count; i++) result[i] = evaluator.Multiply(group[i], mask);
        return result;
    }
}
