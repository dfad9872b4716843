using HEPrune.Core.Data;

namespace HEPrune.Core.Features;

/// <summary>A frozen, deterministic feature extractor: maps raw samples to fixed-length float32 vectors.</summary>
public interface IFeatureExtractor : IDisposable
{
    /// <summary>Short identifier used on the command line and in cache keys, e.g. <c>mobilenet_v2</c>.</summary>
    string Id { get; }

    /// <summary>Length of each feature vector.</summary>
    int Dimension { get; }

    /// <summary>Hex hash identifying the exact weights (or vocabulary table) the extractor uses.</summary>
    string WeightsHash { get; }

    /// <summary>Canonical text describing the preprocessing (resize, scaling, tokenisation); part of the cache key.</summary>
    string Preprocessing { get; }
}

/// <summary>A feature extractor for images.</summary>
public interface IImageFeatureExtractor : IFeatureExtractor
{
    /// <summary>Writes the features of images [<paramref name="start"/>, start + <paramref name="count"/>) of
    /// <paramref name="images"/> into <paramref name="output"/> (row-major, count × Dimension).</summary>
    void Extract(ImageData images, int start, int count, Span<float> output);
}

/// <summary>A feature extractor for text.</summary>
public interface ITextFeatureExtractor : IFeatureExtractor
{
    /// <summary>Writes the features of texts [<paramref name="start"/>, start + <paramref name="count"/>) into
    /// <paramref name="output"/> (row-major, count × Dimension).</summary>
    void Extract(IReadOnlyList<string> texts, int start, int count, Span<float> output);
}
