using HEPrune.Core.He;

namespace HEPrune.Core.Packing;

/// <summary>
/// HETAL's s0×s1 block layout (spec §2.2): a matrix is cut into s0×s1 row-major blocks, one ciphertext each, with
/// s0 = min(max(batch, c_pad), slots/c_pad) and s1 = slots/s0; the feature dimension spans Bk = ⌈d/s1⌉ blocks.
/// </summary>
public sealed class BlockLayout
{
    /// <summary>Creates the layout for a batch size, a feature dimension (bias included) and a class count.</summary>
    /// <exception cref="ArgumentException">A size is invalid, or the batch needs more than one block row (A &gt; 1 is not supported).</exception>
    public BlockLayout(int slots, int batch, int features, int classes)
    {
        if (slots < 4 || (slots & (slots - 1)) != 0)
            throw new ArgumentException($"BlockLayout: slots must be a power of two >= 4, got {slots}.", nameof(slots));
        if (classes < 2) throw new ArgumentException($"BlockLayout: need >= 2 classes, got {classes}.", nameof(classes));
        if (batch < 1) throw new ArgumentException($"BlockLayout: batch must be >= 1, got {batch}.", nameof(batch));
        if (features < 1) throw new ArgumentException($"BlockLayout: features must be >= 1, got {features}.", nameof(features));
        int cPad = 1 << Depth.CeilLog2(classes);
        if (cPad * cPad > slots)
            throw new ArgumentException($"BlockLayout: c_pad = {cPad} needs at least c_pad² = {cPad * cPad} slots, have {slots}.", nameof(classes));
        int batchPow = 1 << Depth.CeilLog2(batch);
        int s0 = Math.Min(Math.Max(batchPow, cPad), slots / cPad);
        if (batch > s0)
            throw new ArgumentException($"BlockLayout: batch {batch} exceeds s0 = {s0} (more than one block row is not supported).", nameof(batch));
        Slots = slots;
        Batch = batch;
        Features = features;
        Classes = classes;
        PaddedClasses = cPad;
        S0 = s0;
        S1 = slots / s0;
        FeatureBlocks = (features + S1 - 1) / S1;
    }

    /// <summary>Slots per ciphertext (s0·s1).</summary>
    public int Slots { get; }

    /// <summary>Samples per batch (rows used).</summary>
    public int Batch { get; }

    /// <summary>Feature dimension d including the bias column.</summary>
    public int Features { get; }

    /// <summary>Real class count c.</summary>
    public int Classes { get; }

    /// <summary>c_pad = 2^⌈log2 c⌉.</summary>
    public int PaddedClasses { get; }

    /// <summary>Rows per block.</summary>
    public int S0 { get; }

    /// <summary>Columns per block.</summary>
    public int S1 { get; }

    /// <summary>Bk = ⌈d/s1⌉, ciphertexts per block row of features (and of the tiled weights).</summary>
    public int FeatureBlocks { get; }

    /// <summary>log2 s0.</summary>
    public int LogS0 => Depth.CeilLog2(S0);

    /// <summary>log2 s1.</summary>
    public int LogS1 => Depth.CeilLog2(S1);

    /// <summary>Returns the slot index of (row, column) inside a block.</summary>
    public int Index(int row, int column) => row * S1 + column;

    /// <summary>Returns a real mask built from a predicate on (row, column).</summary>
    public double[] Mask(Func<int, int, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var m = new double[Slots];
        for (int r = 0; r < S0; r++)
            for (int j = 0; j < S1; j++) m[r * S1 + j] = value(r, j);
        return m;
    }

    /// <inheritdoc />
    public override string ToString() => $"BlockLayout(s0={S0}, s1={S1}, d={Features}, Bk={FeatureBlocks}, c={Classes}->{PaddedClasses})";
}
