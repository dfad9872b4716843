namespace HEPrune.Core.Features;

/// <summary>Per-sample normalisation applied to cached features before training (data-independent, so a client can apply it).</summary>
public enum FeatureNormalization
{
    /// <summary>Features are used as extracted.</summary>
    None,

    /// <summary>Each feature vector is scaled to a fixed Euclidean norm (zero vectors stay zero).</summary>
    L2,
}

/// <summary>Applies a <see cref="FeatureNormalization"/>.</summary>
public static class FeatureNormalizer
{
    /// <summary>Returns a normalised copy of <paramref name="f"/> (or <paramref name="f"/> itself for <see cref="FeatureNormalization.None"/>);
    /// with <see cref="FeatureNormalization.L2"/> every row gets the Euclidean norm <paramref name="norm"/>.</summary>
    public static LabeledFeatures Apply(LabeledFeatures f, FeatureNormalization mode, double norm = 1.0)
    {
        if (mode == FeatureNormalization.None) return f;
        var x = (float[])f.X.Clone();
        int d = f.Dim;
        for (int i = 0; i < f.Rows; i++)
        {
            var row = x.AsSpan(i * d, d);
            double ss = 0;
            foreach (float v in row) ss += (double)v * v;
            if (ss == 0) continue;
            float inv = (float)(norm / Math.Sqrt(ss));
            for (int j = 0; j < d; j++) row[j] *= inv;
        }
        return new LabeledFeatures(x, f.Y, d, f.Classes);
    }
}
