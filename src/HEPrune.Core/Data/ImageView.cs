namespace HEPrune.Core.Data;

/// <summary>One image: its dimensions and its H×W×C row-major pixel bytes.</summary>
public readonly ref struct ImageView
{
    /// <summary>Creates a view over <paramref name="pixels"/> of the given dimensions.</summary>
    public ImageView(int height, int width, int channels, ReadOnlySpan<byte> pixels)
    {
        Height = height;
        Width = width;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Channels per pixel (1 or 3).</summary>
    public int Channels { get; }

    /// <summary>The H×W×C pixel bytes, row-major, channels last.</summary>
    public ReadOnlySpan<byte> Pixels { get; }

    /// <summary>Returns the value of channel <paramref name="c"/> at row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    public byte this[int y, int x, int c] => Pixels[((y * Width) + x) * Channels + c];
}
