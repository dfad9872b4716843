using System.Globalization;

namespace HEPrune.Features.Torch.Images;

/// <summary>
/// How raw 8-bit images become network input: bilinear resize (antialiased when shrinking) to Size×Size, grey expanded to
/// 3 channels, value = (pixel/255 − Mean[c]) / Std[c], NCHW float32.
/// </summary>
/// <param name="Size">Target height and width in pixels.</param>
/// <param name="Mean">Per-channel mean subtracted after scaling to [0, 1] (3 values).</param>
/// <param name="Std">Per-channel standard deviation divided by (3 values).</param>
public sealed record ImagePreprocessing(int Size, double[] Mean, double[] Std)
{
    /// <summary>nsfwjs' own preprocessing: pixel/255 (mean 0, std 1).</summary>
    public static ImagePreprocessing UnitRange(int size) => new(size, new double[] { 0, 0, 0 }, new double[] { 1, 1, 1 });

    /// <summary>HETAL's ViT preprocessing: Normalize(mean 0.5, std 0.5), i.e. [−1, 1].</summary>
    public static ImagePreprocessing SymmetricRange(int size) => new(size, new double[] { 0.5, 0.5, 0.5 }, new double[] { 0.5, 0.5, 0.5 });

    /// <summary>Checks the values and throws a clear message when they are unusable.</summary>
    /// <exception cref="ArgumentException">Size not in [8, 1024], or Mean/Std not 3 values, or a Std ≤ 0.</exception>
    public void Validate()
    {
        if (Size is < 8 or > 1024) throw new ArgumentException($"image size must be in [8, 1024]; got {Size}");
        if (Mean.Length != 3 || Std.Length != 3) throw new ArgumentException("mean and std need 3 values (R, G, B)");
        foreach (var s in Std)
            if (!(s > 0)) throw new ArgumentException($"std must be > 0; got {s}");
    }

    /// <summary>Canonical description used in cache keys and sidecars.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"resize={Size}x{Size}:bilinear-aa;grey->rgb;x/255;mean={string.Join(',', Mean)};std={string.Join(',', Std)}");
}
