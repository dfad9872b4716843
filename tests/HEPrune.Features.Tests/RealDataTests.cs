using HEPrune.Core.Data;
using HEPrune.Core.Features;
using HEPrune.Features.Torch.Pipeline;
using HEPrune.Features.Torch.Reference;

namespace HEPrune.Features.Tests;

/// <summary>Extraction on real images of every image dataset, and the MNIST reference accuracy (slow).</summary>
public class RealDataTests
{
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("mnist")]
    [InlineData("fashion_mnist")]
    [InlineData("cifar10")]
    [InlineData("dermamnist")]
    [InlineData("face_mask")]
    public void DefaultExtractorGivesFiniteFeaturesOfTheDocumentedShape(string name)
    {
        var id = DatasetIds.Parse(name);
        var data = DatasetLoader.Load(id);
        using var ex = FeaturePipeline.Create(ExtractorOptions.Defaults(id).Resolve(id));
        Assert.Equal(384, ex.Dimension);
        var img = (IImageFeatureExtractor)ex;
        var f = new float[4 * ex.Dimension];
        img.Extract(data.Train.Images!, 0, 4, f);
        Assert.All(f, v => Assert.True(float.IsFinite(v)));
        for (int i = 0; i < 4; i++) Assert.Contains(f.AsSpan(i * 384, 384).ToArray(), v => v != 0);
        Assert.NotEqual(f.AsSpan(0, 384).ToArray(), f.AsSpan(384, 384).ToArray());
    }

    /// <summary>
    /// HEPrune's recipe on MNIST features from the default extractor reaches ≥ 95% test accuracy. Uses the full cached
    /// features when `heprune features extract -d mnist` has been run; otherwise it extracts (and caches) the first
    /// 12,000 training and 2,000 test images.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void MnistReferenceAccuracyAtLeast95Percent()
    {
        var id = DatasetId.Mnist;
        var data = DatasetLoader.Load(id);
        using var ex = FeaturePipeline.Create(ExtractorOptions.Defaults(id).Resolve(id));
        var cache = FeatureCache.Default();
        LabeledFeatures Get(DataSplit split, int? limit)
        {
            string name = split.Name;
            if (limit is int l)
            {
                var rows = Enumerable.Range(0, l).ToArray();
                split = new DataSplit(split.Name, split.Labels[..l], split.Images!.Select(rows), null, split.SourceIndices[..l]);
                name = $"{split.Name}-first{l}";
            }
            var key = new FeatureKey(ex.Id, ex.WeightsHash, ex.Preprocessing, data.Name, name, DataChecksum.Of(split));
            var entry = cache.GetOrCreate(key, split.Count, ex.Dimension, FeaturePipeline.SourceFor(ex, split, 64), split.Labels);
            return new LabeledFeatures(entry.X, split.Labels, entry.Dim, data.NumClasses); // MNIST default: raw features
        }
        // The issue's bar is on the full split (12,000 training images reach only 94.0%); at 32 px extraction of all
        // 70,000 images takes a minute or two here and is cached for later runs.
        const bool full = true;
        var train = Get(data.Train, null);
        var test = Get(data.Test, null);
        var recipe = ReferenceRecipe.HEPrune("mnist");
        var a = ReferenceTrainer.Train(train, test, recipe);
        Assert.True(a.BestTestAccuracy >= 0.95, $"best test accuracy {a.BestTestAccuracy:P2} ({(full ? "full" : "subset")} features)");
        var b = ReferenceTrainer.Train(train, test, recipe);
        Assert.Equal(a.Weights, b.Weights);
    }
}
