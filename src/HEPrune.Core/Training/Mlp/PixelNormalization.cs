namespace HEPrune.Core.Training.Mlp;

/// <summary>Standardises pixel features, (x − mean)/std per value, as torchvision's Normalize does for MNIST.</summary>
public static class PixelNormalization
{
    /// <summary>MNIST's mean (0.1307) used by the paper's code.</summary>
    public const double MnistMean = 0.1307;

    /// <summary>MNIST's standard deviation (0.3081) used by the paper's code.</summary>
    public const double MnistStd = 0.3081;

    /// <summary>Returns a copy of <paramref name="data"/> with every feature replaced by (x − mean)/std.</summary>
    /// <exception cref="ArgumentException">std is not positive and finite.</exception>
    public static LabeledFeatures Apply(LabeledFeatures data, double mean = MnistMean, double std = MnistStd)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(std > 0) || !double.IsFinite(std) || !double.IsFinite(mean))
            throw new ArgumentException($"PixelNormalization: need a finite mean and a positive std, got mean {mean}, std {std}.", nameof(std));
        var rows = new float[data.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            var src = data.Rows[i];
            var r = new float[src.Length];
            for (int j = 0; j < r.Length; j++) r[j] = (float)((src[j] - mean) / std);
            rows[i] = r;
        }
        return new LabeledFeatures(rows, data.Labels, data.Classes);
    }
}
