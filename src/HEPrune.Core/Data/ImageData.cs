namespace HEPrune.Core.Data;

/// <summary>A set of 8-bit images stored back to back, each H×W×C row-major (channels last); sizes may be uniform or per image.</summary>
/// <remarks>
/// Uniform sets (MNIST, CIFAR-10, DermaMNIST) are one contiguous N×H×W×C buffer: <see cref="Pixels"/> with
/// <see cref="Height"/>, <see cref="Width"/>, <see cref="Channels"/>. Ragged sets (Face Mask crops) keep a per-image
/// height, width and byte offset; there <see cref="Height"/> and <see cref="Width"/> are 0. Use <see cref="this[int]"/> for both.
/// </remarks>
public sealed class ImageData
{
    private readonly byte[] _pixels;
    private readonly int[]? _heights;
    private readonly int[]? _widths;
    private readonly long[]? _offsets;

    private ImageData(byte[] pixels, int count, int height, int width, int channels, int[]? heights, int[]? widths, long[]? offsets)
    {
        _pixels = pixels;
        Count = count;
        Height = height;
        Width = width;
        Channels = channels;
        _heights = heights;
        _widths = widths;
        _offsets = offsets;
    }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>The common image height, or 0 when sizes vary.</summary>
    public int Height { get; }

    /// <summary>The common image width, or 0 when sizes vary.</summary>
    public int Width { get; }

    /// <summary>Channels per pixel: 1 (gray) or 3 (RGB).</summary>
    public int Channels { get; }

    /// <summary>True when every image has the same height and width (then <see cref="Pixels"/> is N×H×W×C).</summary>
    public bool IsUniform => _heights is null;

    /// <summary>All pixel bytes, image after image (N×H×W×C when uniform).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Returns image <paramref name="index"/> with its dimensions.</summary>
    public ImageView this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"image index must be in [0, {Count})");
            }

            if (_heights is null)
            {
                int size = Height * Width * Channels;
                return new ImageView(Height, Width, Channels, _pixels.AsSpan((int)((long)index * size), size));
            }

            int h = _heights[index], w = _widths![index];
            return new ImageView(h, w, Channels, _pixels.AsSpan(checked((int)_offsets![index]), h * w * Channels));
        }
    }

    /// <summary>Wraps a contiguous N×H×W×C buffer (not copied).</summary>
    public static ImageData Uniform(byte[] pixels, int count, int height, int width, int channels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (count < 0 || height <= 0 || width <= 0 || channels is not (1 or 3))
        {
            throw new ArgumentException($"bad image set shape {count}×{height}×{width}×{channels} (channels must be 1 or 3)");
        }

        if ((long)count * height * width * channels != pixels.LongLength)
        {
            throw new ArgumentException($"{count}×{height}×{width}×{channels} images need {(long)count * height * width * channels} bytes, got {pixels.LongLength}");
        }

        return new ImageData(pixels, count, height, width, channels, null, null, null);
    }

    /// <summary>Builds a set of images of varying sizes; <paramref name="images"/> holds each image's H×W×C bytes.</summary>
    public static ImageData Ragged(IReadOnlyList<(int Height, int Width, byte[] Pixels)> images, int channels)
    {
        if (channels is not (1 or 3))
        {
            throw new ArgumentException($"channels must be 1 or 3, got {channels}");
        }

        var heights = new int[images.Count];
        var widths = new int[images.Count];
        var offsets = new long[images.Count];
        long total = 0;
        for (int i = 0; i < images.Count; i++)
        {
            var (h, w, px) = images[i];
            if (h <= 0 || w <= 0 || px.LongLength != (long)h * w * channels)
            {
                throw new ArgumentException($"image {i}: {h}×{w}×{channels} does not match its {px.LongLength} bytes");
            }

            heights[i] = h;
            widths[i] = w;
            offsets[i] = total;
            total += px.LongLength;
        }

        var all = new byte[total];
        for (int i = 0; i < images.Count; i++)
        {
            images[i].Pixels.CopyTo(all, offsets[i]);
        }

        return new ImageData(all, images.Count, 0, 0, channels, heights, widths, offsets);
    }

    /// <summary>Returns a new set holding the images at <paramref name="indices"/>, in that order (pixels are copied).</summary>
    public ImageData Select(ReadOnlySpan<int> indices)
    {
        if (_heights is null)
        {
            int size = Height * Width * Channels;
            var px = new byte[(long)indices.Length * size];
            for (int i = 0; i < indices.Length; i++)
            {
                this[indices[i]].Pixels.CopyTo(px.AsSpan((int)((long)i * size), size));
            }

            return new ImageData(px, indices.Length, Height, Width, Channels, null, null, null);
        }

        var list = new List<(int, int, byte[])>(indices.Length);
        foreach (int idx in indices)
        {
            ImageView v = this[idx];
            list.Add((v.Height, v.Width, v.Pixels.ToArray()));
        }

        return Ragged(list, Channels);
    }
}
