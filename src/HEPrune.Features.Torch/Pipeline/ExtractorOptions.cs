using HEPrune.Core.Data;
using HEPrune.Core.Features;

namespace HEPrune.Features.Torch.Pipeline;

/// <summary>Which extractor to use and how; unset values take the per-dataset defaults of <see cref="Defaults"/>.</summary>
public sealed record ExtractorOptions
{
    /// <summary><c>mobilenet_v2</c>, <c>glove</c> or <c>torchscript</c>; null = the dataset's default.</summary>
    public string? Extractor { get; init; }

    /// <summary>Input size in pixels (image extractors).</summary>
    public int? Size { get; init; }

    /// <summary>MobileNetV2 layer the features come from.</summary>
    public string? Layer { get; init; }

    /// <summary>MobileNetV2: flatten the layer's map (true) or average-pool it (false).</summary>
    public bool? Spatial { get; init; }

    /// <summary>TorchScript module file.</summary>
    public string? TorchScriptPath { get; init; }

    /// <summary>The dataset is text (SNIPS): the torchscript extractor then loads a text module, forward(input_ids,
    /// attention_mask), with its tokenizer sidecar beside it (NAME.pt → NAME.tokenizer.json). Set by <see cref="Resolve"/>.</summary>
    public bool Text { get; init; }

    /// <summary>Per-channel mean after scaling to [0, 1] (1 or 3 values).</summary>
    public double[]? Mean { get; init; }

    /// <summary>Per-channel std (1 or 3 values).</summary>
    public double[]? Std { get; init; }

    /// <summary>libtorch intra-op threads.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Per-sample normalisation applied after the cache (default: none; L2 to norm 4 for DermaMNIST and CIFAR-10 MobileNetV2 features).</summary>
    public FeatureNormalization? Normalize { get; init; }

    /// <summary>Target Euclidean norm of each row under L2 normalisation (default 4: best of {1, 4, 10} for the HEPrune
    /// recipe on DermaMNIST; unit-norm rows underfit with lr ≤ 1, raw MobileNet features diverge).</summary>
    public double NormTarget { get; init; } = 4.0;

    /// <summary>Images per forward pass.</summary>
    public int Batch { get; init; } = 64;

    /// <summary>
    /// The documented defaults. Images: MobileNetV2 from nsfwjs at 32×32 px, pixel/255, features = the 2×2×96 map of
    /// <c>block_12_add</c> flattened (384-d); chosen by accuracy and speed on 2 cores (docs/features.md). Text (SNIPS):
    /// mean-pooled GloVe-100d.
    /// </summary>
    public static ExtractorOptions Defaults(DatasetId id) => id == DatasetId.Snips
        ? new ExtractorOptions { Extractor = "glove" }
        : new ExtractorOptions { Extractor = "mobilenet_v2", Size = 32, Layer = "block_12_add", Spatial = true, Mean = new double[] { 0 }, Std = new double[] { 1 } };

    /// <summary>These options with every unset value filled from <see cref="Defaults"/> of <paramref name="id"/>
    /// (MobileNet-specific defaults only apply when the extractor is MobileNetV2).</summary>
    public ExtractorOptions Resolve(DatasetId id)
    {
        var d = Defaults(id);
        string ex = Extractor ?? d.Extractor!;
        bool sameKind = ex == d.Extractor;
        return this with
        {
            Extractor = ex,
            Text = id == DatasetId.Snips,
            Size = Size ?? (sameKind ? d.Size : (ex == "torchscript" ? 224 : 32)),
            Layer = Layer ?? (sameKind ? d.Layer : null),
            Spatial = Spatial ?? (sameKind ? d.Spatial : false),
            Mean = Mean ?? (ex == "torchscript" ? new double[] { 0.5 } : new double[] { 0 }),
            Std = Std ?? (ex == "torchscript" ? new double[] { 0.5 } : new double[] { 1 }),
            // Raw features except DermaMNIST and CIFAR-10, whose recipes diverge on raw MobileNet features (norm ≈ 130):
            // validation loss in the hundreds, and under encryption logits leave the softmax approximation's domain
            // (docs/features.md). Same default as the experiment configs' features.normalize.
            Normalize = Normalize ?? ((id == DatasetId.DermaMnist || id == DatasetId.Cifar10) && ex == "mobilenet_v2" ? FeatureNormalization.L2 : FeatureNormalization.None),
        };
    }
}
