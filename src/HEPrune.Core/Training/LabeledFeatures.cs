namespace HEPrune.Core.Training;

/// <summary>Feature rows (without the bias column) and integer labels of one split.</summary>
public sealed record LabeledFeatures
{
    /// <summary>Creates a validated split.</summary>
    /// <exception cref="ArgumentException">Counts differ, rows have different lengths, or a label is outside [0, classes).</exception>
    public LabeledFeatures(IReadOnlyList<float[]> rows, IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Count != labels.Count)
            throw new ArgumentException($"LabeledFeatures: {rows.Count} rows but {labels.Count} labels.", nameof(labels));
        if (rows.Count == 0) throw new ArgumentException("LabeledFeatures: no rows.", nameof(rows));
        if (classes < 2) throw new ArgumentException($"LabeledFeatures: need >= 2 classes, got {classes}.", nameof(classes));
        int dim = rows[0].Length;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dim)
                throw new ArgumentException($"LabeledFeatures: row {i} has {rows[i].Length} features, row 0 has {dim}.", nameof(rows));
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentException($"LabeledFeatures: label {labels[i]} of row {i} is outside [0, {classes}).", nameof(labels));
        }
        Rows = rows;
        Labels = labels;
        Classes = classes;
    }

    /// <summary>Feature rows.</summary>
    public IReadOnlyList<float[]> Rows { get; }

    /// <summary>Labels in [0, Classes).</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Number of classes c.</summary>
    public int Classes { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Rows.Count;

    /// <summary>Feature dimension without the bias.</summary>
    public int Dimension => Rows[0].Length;
}
