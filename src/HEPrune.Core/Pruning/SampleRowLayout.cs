using HEPrune.Core.He;

namespace HEPrune.Core.Pruning;

/// <summary>
/// The sample-row view of a packed batch ciphertext that pruning needs: B sample rows of <c>RowSlots</c> consecutive
/// slots each (HETAL's row-major block with s0 = B rows and s1 = RowSlots columns; spec §2.2).
/// </summary>
/// <param name="RowsPerCiphertext">Samples per ciphertext, B (s0).</param>
/// <param name="RowSlots">Slots per sample row (s1); a rotation by RowSlots moves the block up one row.</param>
public sealed record SampleRowLayout(int RowsPerCiphertext, int RowSlots)
{
    /// <summary>Returns the sample-row view of a HETAL block layout: B = s0 rows of s1 slots.</summary>
    public static SampleRowLayout FromBlock(HEPrune.Core.Packing.BlockLayout block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new SampleRowLayout(block.S0, block.S1);
    }

    /// <summary>Slots covered by the B rows.</summary>
    public int UsedSlots => RowsPerCiphertext * RowSlots;

    /// <summary>Checks the layout fits a ciphertext of <paramref name="slots"/> slots.</summary>
    /// <exception cref="ArgumentException">B or RowSlots is below 1 or B·RowSlots exceeds the slot count.</exception>
    public void Validate(int slots)
    {
        if (RowsPerCiphertext < 1 || RowSlots < 1)
            throw new ArgumentException($"SampleRowLayout: rows {RowsPerCiphertext} and row slots {RowSlots} must be >= 1.");
        if ((long)RowsPerCiphertext * RowSlots > slots)
            throw new ArgumentException($"SampleRowLayout: {RowsPerCiphertext} rows × {RowSlots} slots exceed the {slots} slots of a ciphertext.");
    }

    /// <summary>Returns the plaintext mask with 1 in every slot of the listed rows (times <paramref name="value"/>) and 0 elsewhere.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside [0, B).</exception>
    public SlotVector RowMask(int slots, ReadOnlySpan<int> rows, double value = 1.0)
    {
        var m = new double[slots];
        foreach (int r in rows)
        {
            if ((uint)r >= (uint)RowsPerCiphertext)
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"SampleRowLayout.RowMask: row must be in [0, {RowsPerCiphertext}).");
            m.AsSpan(r * RowSlots, RowSlots).Fill(value);
        }
        return new SlotVector(m);
    }

    /// <summary>Returns the mask with <paramref name="value"/> in column <paramref name="column"/> of every row and 0 elsewhere.</summary>
    public SlotVector ColumnMask(int slots, int column, double value = 1.0)
    {
        if ((uint)column >= (uint)RowSlots)
            throw new ArgumentOutOfRangeException(nameof(column), column, $"SampleRowLayout.ColumnMask: column must be in [0, {RowSlots}).");
        var m = new double[slots];
        for (int r = 0; r < RowsPerCiphertext; r++) m[r * RowSlots + column] = value;
        return new SlotVector(m);
    }
}
