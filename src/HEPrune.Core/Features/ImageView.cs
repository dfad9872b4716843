namespace HEPrune.Core.Features;

/// <summary>One 8-bit image in height × width × channels (HWC) order, as handed to an image feature extractor.</summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Channels">1 (grey) or 3 (RGB).</param>
/// <param name="Pixels">Height·Width·Channels bytes, row-major HWC.</param>
public readonly record struct ImageView(int Height, int Width, int Channels, ReadOnlyMemory<byte> Pixels)
{
    /// <summary>Throws a clear exception when the dimensions do not match the pixel buffer.</summary>
    /// <exception cref="ArgumentException">Dimensions are non-positive, channels not 1 or 3, or the buffer has the wrong length.</exception>
    public void Validate()
    {
        if (Height <= 0 || Width <= 0 || (Channels != 1 && Channels != 3))
            throw new ArgumentException($"image must be H×W×C with H, W > 0 and C ∈ {{1, 3}}; got {Height}×{Width}×{Channels}");
        if (Pixels.Length != Height * Width * Channels)
            throw new ArgumentException($"image {Height}×{Width}×{Channels} needs {Height * Width * Channels} bytes; got {Pixels.Length}");
    }
}
