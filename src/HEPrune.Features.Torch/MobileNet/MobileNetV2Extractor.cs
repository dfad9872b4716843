using HEPrune.Core.Features;
using HEPrune.Features.Torch.Images;
using static TorchSharp.torch;

namespace HEPrune.Features.Torch.MobileNet;

/// <summary>
/// 1280-d image features from the pre-trained MobileNetV2 (alpha 1.0) shipped in the npm package nsfwjs 4.3.0, imported
/// from its TF.js bundle into TorchSharp: the global-average-pooled output of the last 1×1 convolution (Keras layer
/// <c>flatten_1</c>). The network is fully convolutional; the input size is chosen by the preprocessing.
/// </summary>
public sealed class MobileNetV2Extractor : TorchImageExtractor
{
    /// <summary>npm package that ships the weights.</summary>
    public const string NpmPackage = "nsfwjs";

    /// <summary>Exact package version the import was checked against.</summary>
    public const string NpmVersion = "4.3.0";

    /// <summary>Keras layer whose output is the feature vector.</summary>
    public const string FeatureLayer = "flatten_1";

    private readonly KerasGraphModule _net;

    /// <summary>Loads the weights from <paramref name="modelDirectory"/> (the folder holding <c>model.min.js</c>).</summary>
    /// <param name="modelDirectory">Folder holding <c>model.min.js</c> and its shards.</param>
    /// <param name="preprocessing">Input preprocessing.</param>
    /// <param name="threads">libtorch intra-op threads.</param>
    /// <param name="layer">Keras layer whose (globally average-pooled) output is the feature vector.</param>
    /// <param name="spatial">Flatten the layer's feature map (keeps spatial layout) instead of average-pooling it.</param>
    public MobileNetV2Extractor(string modelDirectory, ImagePreprocessing preprocessing, int threads = 2, string layer = FeatureLayer,
        bool spatial = false)
        : base(preprocessing, threads)
    {
        var bundle = TfjsLayersBundle.Load(modelDirectory);
        WeightsHash = bundle.ContentHash;
        Layer = layer;
        Spatial = spatial;
        _net = new KerasGraphModule(bundle, layer) { SpatialFlatten = spatial };
        _net.eval();
        using var _ = TorchSharp.torch.no_grad();
        using var probe = _net.forward(TorchSharp.torch.zeros(1, 3, preprocessing.Size, preprocessing.Size));
        Dimension = (int)probe.shape[1];
    }

    /// <summary>Whether the layer's map is flattened (true) or average-pooled (false).</summary>
    public bool Spatial { get; }

    /// <summary>The Keras layer the features are taken from.</summary>
    public string Layer { get; }

    /// <summary>Loads the weights from the installed npm package, with a clear message on how to install it if missing.</summary>
    public static MobileNetV2Extractor FromNpm(ImagePreprocessing preprocessing, int threads = 2, string layer = FeatureLayer,
        bool spatial = false) =>
        new(DefaultModelDirectory(), preprocessing, threads, layer, spatial);

    /// <summary>The model folder inside the installed nsfwjs package.</summary>
    /// <exception cref="DirectoryNotFoundException">The package is not installed; the message says how to install it.</exception>
    public static string DefaultModelDirectory() =>
        Path.Combine(RepoPaths.RequireNpmPackage(NpmPackage, NpmVersion), "dist", "models", "mobilenet_v2");

    /// <inheritdoc />
    public override string Id => "mobilenet_v2";

    /// <inheritdoc />
    public override int Dimension { get; }

    /// <inheritdoc />
    public override string Preprocessing => base.Preprocessing + ";layer=" + Layer + (Spatial ? ":flatten" : ":avgpool");

    /// <inheritdoc />
    public override string WeightsHash { get; }

    /// <inheritdoc />
    protected override Tensor Forward(Tensor input) => _net.forward(input);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _net.Dispose();
        base.Dispose(disposing);
    }
}
