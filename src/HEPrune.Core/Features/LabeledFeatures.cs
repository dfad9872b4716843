namespace HEPrune.Core.Features;

/// <summary>A row-major feature matrix (Rows × Dim, float32) with one integer class label per row.</summary>
public sealed class LabeledFeatures
{
    /// <summary>Wraps the arrays after checking their lengths and label range.</summary>
    /// <exception cref="ArgumentException">Lengths disagree or a label is outside [0, classes).</exception>
    public LabeledFeatures(float[] x, int[] y, int dim, int classes)
    {
        if (dim < 1) throw new ArgumentException($"dim must be ≥ 1; got {dim}");
        if (x.Length != y.Length * dim)
            throw new ArgumentException($"features hold {x.Length} floats but {y.Length} labels × dim {dim} = {(long)y.Length * dim} were expected");
        for (int i = 0; i < y.Length; i++)
            if ((uint)y[i] >= (uint)classes)
                throw new ArgumentException($"label {y[i]} of row {i} is outside [0, {classes})");
        X = x;
        Y = y;
        Dim = dim;
        Classes = classes;
    }

    /// <summary>Features, row-major.</summary>
    public float[] X { get; }

    /// <summary>Labels.</summary>
    public int[] Y { get; }

    /// <summary>Feature dimension.</summary>
    public int Dim { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of rows.</summary>
    public int Rows => Y.Length;

    /// <summary>A copy holding only the given rows, in that order.</summary>
    public LabeledFeatures Select(IReadOnlyList<int> rows)
    {
        var x = new float[rows.Count * Dim];
        var y = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            Array.Copy(X, (long)rows[i] * Dim, x, (long)i * Dim, Dim);
            y[i] = Y[rows[i]];
        }
        return new LabeledFeatures(x, y, Dim, Classes);
    }
}
