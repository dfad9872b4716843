using HEPrune.Core.Data;
using HEPrune.Core.Features;
using HEPrune.Features.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace HEPrune.Features.Torch.Images;

/// <summary>
/// Base of the TorchSharp image extractors: preprocesses a batch per <see cref="ImagePreprocessing"/>, runs the network
/// without autograd on the CPU and copies the features out.
/// </summary>
public abstract class TorchImageExtractor : IImageFeatureExtractor
{
    private bool _disposed;

    /// <summary>Loads the TorchSharp natives and sets the number of intra-op threads.</summary>
    /// <param name="preprocessing">Input preprocessing.</param>
    /// <param name="threads">Intra-op threads for libtorch (≥ 1).</param>
    protected TorchImageExtractor(ImagePreprocessing preprocessing, int threads)
    {
        preprocessing.Validate();
        TorchNative.EnsureLoaded();
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be ≥ 1");
        torch.set_num_threads(threads);
        Preprocess = preprocessing;
    }

    /// <summary>The input preprocessing.</summary>
    public ImagePreprocessing Preprocess { get; }

    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract int Dimension { get; }

    /// <inheritdoc />
    public abstract string WeightsHash { get; }

    /// <inheritdoc />
    public virtual string Preprocessing => Preprocess.Key;

    /// <summary>Runs the network on a preprocessed NCHW batch; returns [N, Dimension].</summary>
    protected abstract Tensor Forward(Tensor input);

    /// <inheritdoc />
    public void Extract(ImageData images, int start, int count, Span<float> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (start < 0 || count < 0 || start + count > images.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"images [{start}, {start + count}) are outside [0, {images.Count})");
        if (output.Length != count * Dimension)
            throw new ArgumentException($"output needs {count}×{Dimension} floats; got {output.Length}");
        if (count == 0) return;
        using var scope = torch.NewDisposeScope();
        using var _ = torch.inference_mode();
        var x = ToInput(images, start, count, Preprocess);
        var y = Forward(x);
        if (y.dim() != 2 || y.shape[0] != count || y.shape[1] != Dimension)
            throw new InvalidOperationException($"{Id}: network returned shape [{string.Join(", ", y.shape)}], expected [{count}, {Dimension}]");
        y.to_type(ScalarType.Float32).contiguous().data<float>().CopyTo(output);
    }

    /// <summary>Builds the preprocessed NCHW float32 batch (exposed for tests).</summary>
    public static Tensor ToInput(ImageData images, int start, int count, ImagePreprocessing p)
    {
        var parts = new Tensor[count];
        for (int i = 0; i < count; i++)
        {
            var im = images[start + i];
            var t = torch.tensor(im.Pixels.ToArray(), new long[] { 1, im.Height, im.Width, im.Channels })
                .permute(0, 3, 1, 2).to_type(ScalarType.Float32).div_(255.0);
            if (im.Channels == 1) t = t.expand(1, 3, im.Height, im.Width);
            if (im.Height != p.Size || im.Width != p.Size)
                t = nn.functional.interpolate(t, new long[] { p.Size, p.Size }, mode: InterpolationMode.Bilinear,
                    align_corners: false, antialias: im.Height > p.Size || im.Width > p.Size);
            parts[i] = t;
        }
        var x = torch.cat(parts, 0);
        using var mean = torch.tensor(p.Mean.Select(v => (float)v).ToArray()).view(1, 3, 1, 1);
        using var std = torch.tensor(p.Std.Select(v => (float)v).ToArray()).view(1, 3, 1, 1);
        return ((x - mean) / std).contiguous();
    }

    /// <summary>Releases the network.</summary>
    protected virtual void Dispose(bool disposing) => _disposed = true;

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
