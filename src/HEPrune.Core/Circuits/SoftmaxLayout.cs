using HEPrune.Core.He;

namespace HEPrune.Core.Circuits;

/// <summary>
/// The slot layout the softmax circuit works on: rows of <see cref="RowWidth"/> slots, logits of
/// <see cref="Classes"/> classes tiled horizontally with period <see cref="PaddedClasses"/> over each row.
/// Holds the plaintext masks the circuit needs.
/// </summary>
public sealed class SoftmaxLayout
{
    /// <summary>Creates a layout and its masks.</summary>
    /// <exception cref="ArgumentException">The row width is not a power of two ≥ c_pad dividing the slot count, or c &lt; 2.</exception>
    public SoftmaxLayout(int slots, int rowWidth, int classes)
    {
        if (classes < 2) throw new ArgumentException($"SoftmaxLayout: need at least 2 classes, got {classes}.", nameof(classes));
        int cPad = 1 << Depth.CeilLog2(classes);
        if (rowWidth < cPad || (rowWidth & (rowWidth - 1)) != 0 || slots % rowWidth != 0)
            throw new ArgumentException($"SoftmaxLayout: row width {rowWidth} must be a power of two >= c_pad = {cPad} dividing {slots} slots.", nameof(rowWidth));
        Slots = slots;
        RowWidth = rowWidth;
        Classes = classes;
        PaddedClasses = cPad;
        ClassMask = new double[slots];
        PaddedMask = new double[slots];
        FirstColumnMask = new double[slots];
        CompleteWindowMask = new double[slots];
        for (int i = 0; i < slots; i++)
        {
            int j = i % rowWidth;
            int cls = j % cPad;
            ClassMask[i] = cls < classes ? 1 : 0;
            PaddedMask[i] = cls < classes ? 0 : 1;
            FirstColumnMask[i] = cls == 0 ? 1 : 0;
            CompleteWindowMask[i] = j <= rowWidth - cPad ? 1 : 0;
        }
    }

    /// <summary>Slots per ciphertext.</summary>
    public int Slots { get; }

    /// <summary>Slots per row (s1).</summary>
    public int RowWidth { get; }

    /// <summary>Number of rows per ciphertext (s0).</summary>
    public int Rows => Slots / RowWidth;

    /// <summary>Number of real classes c.</summary>
    public int Classes { get; }

    /// <summary>c_pad = 2^⌈log2 c⌉, the tiling period.</summary>
    public int PaddedClasses { get; }

    /// <summary>1 where the column is a real class (j mod c_pad &lt; c).</summary>
    public double[] ClassMask { get; }

    /// <summary>1 where the column is a padded class.</summary>
    public double[] PaddedMask { get; }

    /// <summary>1 on the first column of every period (j mod c_pad = 0).</summary>
    public double[] FirstColumnMask { get; }

    /// <summary>1 where the c_pad-wide window starting at the column stays inside the row.</summary>
    public double[] CompleteWindowMask { get; }

    /// <summary>
    /// True when a row holds a single period (s1 = c_pad): windows starting after column 0 cross the row end, so the
    /// circuit broadcasts the column-0 sum too (log2 c_pad extra rotations, no extra level or mask).
    /// </summary>
    public bool SinglePeriodRows => RowWidth == PaddedClasses;

    /// <summary>Returns the slot index of (row, column).</summary>
    public int Index(int row, int column) => row * RowWidth + column;
}
