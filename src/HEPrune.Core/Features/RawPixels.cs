using HEPrune.Core.Data;

namespace HEPrune.Core.Features;

/// <summary>The simplest real features: pixels scaled to [0, 1], flattened height × width × channels.</summary>
public static class RawPixels
{
    /// <summary>Returns the first <paramref name="limit"/> (default: all) images of <paramref name="split"/> as feature rows.</summary>
    /// <exception cref="ArgumentException">The split holds text, or images of different sizes.</exception>
    public static Training.LabeledFeatures From(DataSplit split, int classes, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        var images = split.Images ?? throw new ArgumentException(
            $"raw pixels need images, but split '{split.Name}' holds text; use a text extractor (glove)");
        if (!images.IsUniform)
            throw new ArgumentException($"raw pixels need images of one size, but split '{split.Name}' has images of different sizes; use mobilenet_v2");
        int n = Math.Min(limit ?? split.Count, split.Count);
        int d = images.Height * images.Width * images.Channels;
        var pixels = images.Pixels;
        var rows = new float[n][];
        for (int i = 0; i < n; i++)
        {
            var r = new float[d];
            var src = pixels.Slice(i * d, d);
            for (int j = 0; j < d; j++) r[j] = src[j] / 255f;
            rows[i] = r;
        }
        return new Training.LabeledFeatures(rows, split.Labels[..n], classes);
    }
}
