using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// Sample-wise pruning without CWP: every ciphertext of a group that holds a pruned sample is multiplied by the
/// plaintext row mask of its kept samples, so pruned rows become zero but the number of ciphertexts is unchanged.
/// </summary>
public static class InPlaceMasking
{
    /// <summary>Returns the masked groups (a group without pruned rows is passed through unchanged).</summary>
    /// <exception cref="ArgumentException">The masks do not match the data set.</exception>
    public static PrunedData ApplyPlain(IHeEvaluator evaluator, EncryptedDataset data, IReadOnlyList<bool[]> rowMasks, int kept)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rowMasks);
        if (rowMasks.Count != data.Groups.Count)
            throw new ArgumentException($"InPlaceMasking: {rowMasks.Count} masks for {data.Groups.Count} groups.", nameof(rowMasks));
        var groups = new List<HeCiphertext[]>(data.Groups.Count);
        var counts = new int[data.Groups.Count];
        var extents = new int[data.Groups.Count];
        var rows = new List<int>();
        for (int g = 0; g < data.Groups.Count; g++)
        {
            rows.Clear();
            bool pruned = false;
            for (int r = 0; r < data.Layout.RowsPerCiphertext; r++)
            {
                if (rowMasks[g][r]) rows.Add(r);
                else if (r < data.SamplesPerGroup[g]) pruned = true;
            }
            counts[g] = rows.Count;
            extents[g] = rows.Count == 0 ? 0 : rows[^1] + 1;
            if (!pruned)
            {
                groups.Add(data.Groups[g]);
                continue;
            }
            var mask = data.Layout.RowMask(evaluator.Slots, rows.ToArray());
            var src = data.Groups[g];
            var dst = new HeCiphertext[src.Length];
            for (int j = 0; j < src.Length; j++) dst[j] = evaluator.MultiplyPlain(src[j], mask);
            groups.Add(dst);
        }
        return new PrunedData(groups, kept, counts, extents) { GradientDivisors = data.SamplesPerGroup };
    }
}
