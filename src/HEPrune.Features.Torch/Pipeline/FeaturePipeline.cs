using HEPrune.Core.Data;
using HEPrune.Core.Features;
using HEPrune.Features.Torch.Images;
using HEPrune.Features.Torch.MobileNet;
using HEPrune.Features.Torch.TorchScript;

namespace HEPrune.Features.Torch.Pipeline;

/// <summary>The features of all three splits of a dataset, with labels.</summary>
/// <param name="Dataset">Dataset id.</param>
/// <param name="Extractor">Extractor id.</param>
/// <param name="Train">Training split.</param>
/// <param name="Val">Validation split.</param>
/// <param name="Test">Test split.</param>
/// <param name="Entries">The cache entries, in the order train, val, test.</param>
public sealed record DatasetFeatures(string Dataset, string Extractor, LabeledFeatures Train, LabeledFeatures Val, LabeledFeatures Test,
    IReadOnlyList<CachedFeatures> Entries);

/// <summary>Creates extractors from options and runs them over a dataset's splits through the <see cref="FeatureCache"/>.</summary>
public static class FeaturePipeline
{
    /// <summary>Builds the extractor described by <paramref name="options"/> (already resolved for the dataset); for a text
    /// dataset the torchscript extractor is the <see cref="TorchScriptTextExtractor"/>.</summary>
    /// <exception cref="ArgumentException">Unknown extractor or missing TorchScript path.</exception>
    public static IFeatureExtractor Create(ExtractorOptions options, Action<string>? log = null)
    {
        string ModulePath() => options.TorchScriptPath ?? throw new ArgumentException("the torchscript extractor needs a module path (--torchscript PATH)");
        ImagePreprocessing Pre() => new(options.Size ?? 32, Three(options.Mean, 0), Three(options.Std, 1));
        return options.Extractor switch
        {
            "mobilenet_v2" => MobileNetV2Extractor.FromNpm(Pre(), options.Threads, options.Layer ?? MobileNetV2Extractor.FeatureLayer, options.Spatial ?? false),
            "torchscript" when options.Text => new TorchScriptTextExtractor(ModulePath(), null, options.Threads, options.Batch),
            "torchscript" => new TorchScriptImageExtractor(ModulePath(), Pre(), options.Threads),
            "glove" => GloveTextExtractor.FromNpm(log),
            _ => throw new ArgumentException($"unknown extractor '{options.Extractor}' (mobilenet_v2, glove, torchscript)"),
        };
    }

    /// <summary>
    /// Returns the features of every split of <paramref name="data"/>, from the cache or extracted now.
    /// <paramref name="limit"/> restricts each split to its first rows (the split name in the cache then says so).
    /// </summary>
    /// <remarks>The cache holds raw features; <paramref name="normalize"/> is applied to the returned copies.</remarks>
    public static DatasetFeatures Extract(DatasetSplits data, IFeatureExtractor extractor, FeatureCache cache, int? limit = null,
        int batch = 64, IProgress<ExtractionProgress>? progress = null, FeatureNormalization normalize = FeatureNormalization.None,
        double normTarget = 1.0, CancellationToken cancel = default)
    {
        var entries = new Dictionary<string, CachedFeatures>();
        var labeled = new Dictionary<string, LabeledFeatures>();
        // Smallest-first order (test, val... are usually smaller than train): an interrupted run leaves complete
        // evaluation splits early; every split resumes from its finished chunks anyway.
        foreach (var full in data.Splits.OrderBy(s => s.Count))
        {
            var split = full;
            string name = split.Name;
            if (limit is int l && l < split.Count)
            {
                var rows = Enumerable.Range(0, l).ToArray();
                split = new DataSplit(split.Name, split.Labels[..l], split.Images?.Select(rows), split.Texts?[..l], split.SourceIndices[..l]);
                name = $"{split.Name}-first{l}";
            }
            var key = new FeatureKey(extractor.Id, extractor.WeightsHash, extractor.Preprocessing, data.Name, name, DataChecksum.Of(split));
            FeatureSource source = SourceFor(extractor, split, batch);
            var entry = cache.GetOrCreate(key, split.Count, extractor.Dimension, source, split.Labels, progress, cancel: cancel);
            entries[full.Name] = entry;
            labeled[full.Name] = FeatureNormalizer.Apply(new LabeledFeatures(entry.X, split.Labels, entry.Dim, data.NumClasses), normalize, normTarget);
        }
        return new DatasetFeatures(data.Name, extractor.Id, labeled["train"], labeled["val"], labeled["test"],
            new[] { entries["train"], entries["val"], entries["test"] });
    }

    /// <summary>Adapts an extractor and a split to a <see cref="FeatureSource"/> that works in batches of <paramref name="batch"/>.</summary>
    public static FeatureSource SourceFor(IFeatureExtractor extractor, DataSplit split, int batch)
    {
        int d = extractor.Dimension;
        return (start, count, output) =>
        {
            for (int s = 0; s < count; s += batch)
            {
                int len = Math.Min(batch, count - s);
                var dst = output.Slice(s * d, len * d);
                switch (extractor)
                {
                    case IImageFeatureExtractor img when split.Images is not null:
                        img.Extract(split.Images, start + s, len, dst);
                        break;
                    case ITextFeatureExtractor txt when split.Texts is not null:
                        txt.Extract(split.Texts, start + s, len, dst);
                        break;
                    default:
                        throw new ArgumentException($"extractor {extractor.Id} cannot read the {(split.Images is null ? "text" : "image")} split '{split.Name}'");
                }
            }
        };
    }

    private static double[] Three(double[]? v, double fallback) => v switch
    {
        null or { Length: 0 } => new[] { fallback, fallback, fallback },
        { Length: 1 } => new[] { v[0], v[0], v[0] },
        { Length: 3 } => v,
        _ => throw new ArgumentException($"mean/std need 1 or 3 values; got {v.Length}"),
    };
}
