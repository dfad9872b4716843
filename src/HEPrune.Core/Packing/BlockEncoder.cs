using HEPrune.Core.He;

namespace HEPrune.Core.Packing;

/// <summary>Encodes matrices into the block layout's slot vectors and decodes them back (plaintext side).</summary>
public static class BlockEncoder
{
    /// <summary>
    /// Encodes an m×k matrix (m ≤ s0, k ≤ Bk·s1) given by <paramref name="get"/> into Bk row-major blocks, zero-padded.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix does not fit one block row.</exception>
    public static SlotVector[] EncodeMatrix(BlockLayout layout, int rows, int cols, Func<int, int, double> get)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(get);
        if (rows > layout.S0 || cols > layout.FeatureBlocks * layout.S1)
            throw new ArgumentException($"EncodeMatrix: a {rows}x{cols} matrix does not fit {layout}.");
        var blocks = new SlotVector[layout.FeatureBlocks];
        for (int b = 0; b < blocks.Length; b++)
        {
            var re = new double[layout.Slots];
            int c0 = b * layout.S1;
            int c1 = Math.Min(cols, c0 + layout.S1);
            for (int r = 0; r < rows; r++)
                for (int c = c0; c < c1; c++) re[layout.Index(r, c - c0)] = get(r, c);
            blocks[b] = new SlotVector(re);
        }
        return blocks;
    }

    /// <summary>
    /// Encodes a batch of feature rows with the bias as a constant-1 last feature (X̄ = [X | 1]); rows beyond the
    /// batch stay zero (no bias either), so padded samples contribute nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A row's length differs from Features − 1 or there are too many rows.</exception>
    public static SlotVector[] EncodeFeaturesWithBias(BlockLayout layout, IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rows);
        int dim = layout.Features - 1;
        for (int r = 0; r < rows.Count; r++)
            if (rows[r].Length != dim)
                throw new ArgumentException($"EncodeFeaturesWithBias: row {r} has {rows[r].Length} features, expected {dim}.", nameof(rows));
        return EncodeMatrix(layout, rows.Count, layout.Features, (r, c) => c == dim ? 1.0 : rows[r][c]);
    }

    /// <summary>Encodes a c×d weight matrix vertically tiled over the s0 rows: W̃[r,:] = W[r mod c_pad,:] (padded classes zero).</summary>
    /// <exception cref="ArgumentException">The weight shape differs from c × d.</exception>
    public static SlotVector[] EncodeTiledWeights(BlockLayout layout, double[,] w)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(w);
        if (w.GetLength(0) != layout.Classes || w.GetLength(1) != layout.Features)
            throw new ArgumentException($"EncodeTiledWeights: weights are {w.GetLength(0)}x{w.GetLength(1)}, expected {layout.Classes}x{layout.Features}.", nameof(w));
        return EncodeMatrix(layout, layout.S0, layout.Features, (r, c) =>
        {
            int cls = r % layout.PaddedClasses;
            return cls < layout.Classes ? w[cls, c] : 0.0;
        });
    }

    /// <summary>Decodes a c×d weight matrix from tiled blocks, reading rows 0 … c−1.</summary>
    public static double[,] DecodeTiledWeights(BlockLayout layout, IReadOnlyList<SlotVector> blocks)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count != layout.FeatureBlocks)
            throw new ArgumentException($"DecodeTiledWeights: {blocks.Count} blocks, expected {layout.FeatureBlocks}.", nameof(blocks));
        var w = new double[layout.Classes, layout.Features];
        for (int i = 0; i < layout.Classes; i++)
            for (int c = 0; c < layout.Features; c++)
                w[i, c] = blocks[c / layout.S1].Real[layout.Index(i, c % layout.S1)];
        return w;
    }

    /// <summary>Encodes one-hot labels in columns 0 … c−1 of each row (rows beyond the labels stay zero).</summary>
    /// <exception cref="ArgumentException">A label is outside [0, c) or there are more labels than rows.</exception>
    public static SlotVector EncodeOneHot(BlockLayout layout, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (labels.Length > layout.S0)
            throw new ArgumentException($"EncodeOneHot: {labels.Length} labels exceed s0 = {layout.S0}.", nameof(labels));
        var re = new double[layout.Slots];
        for (int r = 0; r < labels.Length; r++)
        {
            if ((uint)labels[r] >= (uint)layout.Classes)
                throw new ArgumentException($"EncodeOneHot: label {labels[r]} at row {r} is outside [0, {layout.Classes}).", nameof(labels));
            re[layout.Index(r, labels[r])] = 1;
        }
        return new SlotVector(re);
    }
}
