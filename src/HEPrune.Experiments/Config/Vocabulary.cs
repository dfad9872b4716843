namespace HEPrune.Experiments.Config;

/// <summary>The allowed values of every enumerated configuration key, in one place.</summary>
/// <remarks>Docs (docs/configs.md) and validation both read these lists; add a value here to allow it.</remarks>
public static class Vocabulary
{
    /// <summary>Dataset names accepted by <c>datasets</c>.</summary>
    public static readonly IReadOnlyList<string> Datasets = ["mnist", "fashion_mnist", "cifar10", "dermamnist", "face_mask", "snips"];

    /// <summary>Datasets whose samples are text (all others are images).</summary>
    public static readonly IReadOnlyList<string> TextDatasets = ["snips"];

    /// <summary>Training methods accepted by <c>methods</c>.</summary>
    /// <remarks><c>hetal</c> trains on all data and ignores <c>keep</c>; the others prune (paper Table 2 rows plus a random control).</remarks>
    public static readonly IReadOnlyList<string> Methods = ["hetal", "prune_baseline", "client_aided", "hefs", "heprune", "random"];

    /// <summary>Backends accepted by <c>backend</c> and <c>measure.backend</c>.</summary>
    public static readonly IReadOnlyList<string> Backends = ["emulated", "ckks", "plaintext", "emulated-functional"];

    /// <summary>Image feature extractors accepted by <c>features.extractor</c>.</summary>
    public static readonly IReadOnlyList<string> ImageExtractors = ["mobilenet_v2", "raw_pixels", "torchscript"];

    /// <summary>Text feature extractors accepted by <c>features.text_extractor</c>.</summary>
    public static readonly IReadOnlyList<string> TextExtractors = ["glove", "torchscript"];

    /// <summary>Values of <c>features.normalize</c>.</summary>
    public static readonly IReadOnlyList<string> FeatureNormalizations = ["none", "l2"];

    /// <summary>
    /// The per-dataset default of <c>features.normalize</c>: <c>l2</c> for MobileNetV2 features of every image dataset
    /// (raw rows have norm ≈ 130, and encrypted HETAL diverged with raw features on MNIST, CIFAR-10, DermaMNIST and
    /// Face Mask: the logits leave the approximate softmax's ±128 domain; docs/features.md), <c>none</c> for text
    /// features and raw pixels.
    /// </summary>
    public static string DefaultNormalize(string dataset, string extractor) =>
        extractor is "mobilenet_v2" && dataset is not "snips" ? "l2" : "none";

    /// <summary>Test-split policies accepted by <c>data.test_split</c>.</summary>
    public static readonly IReadOnlyList<string> TestSplits = ["official", "holdout"];

    /// <summary>Optimizers accepted by <c>training.optimizer</c>.</summary>
    public static readonly IReadOnlyList<string> Optimizers = ["nesterov", "sgd"];

    /// <summary>Default-hyperparameter tables accepted by <c>training.recipe</c>.</summary>
    public static readonly IReadOnlyList<string> Recipes = ["heprune", "hetal", "per_method", "scratch"];

    /// <summary>Trainable models accepted by <c>training.model</c>.</summary>
    public static readonly IReadOnlyList<string> Models = ["softmax", "mlp"];

    /// <summary>CKKS parameter presets accepted by <c>ckks.preset</c>.</summary>
    /// <remarks>Names must match the CKKS library's preset catalogue; the lead keeps the two in step.</remarks>
    public static readonly IReadOnlyList<string> CkksPresets = ["paper-n16", "hetal-fgb", "n15", "n14", "test-n12", "test-n13", "boot-n16", "boot-test-n13"];

    /// <summary>Presets with bootstrapping primes above the 12 circuit levels (<c>ckks.refresh: bootstrap</c> needs one).</summary>
    public static readonly IReadOnlyList<string> BootstrappingPresets = ["boot-n16", "boot-test-n13"];

    /// <summary>The model a run trains when <c>training.model</c> is not given: the MLP for the from-scratch recipe, else softmax.</summary>
    public static string DefaultModel(string? recipe) => recipe == "scratch" ? "mlp" : "softmax";

    /// <summary>Values of <c>ckks.refresh</c>.</summary>
    public static readonly IReadOnlyList<string> RefreshModes = ["client", "bootstrap"];

    /// <summary>
    /// The refresh a run gets when <c>ckks.refresh</c> is not given: <c>bootstrap</c> on a preset with bootstrapping primes
    /// (the paper's server-side setting), <c>client</c> (the client-aided round trip) on every other preset.
    /// </summary>
    public static string DefaultRefresh(string preset) => BootstrappingPresets.Contains(preset) ? "bootstrap" : "client";

    /// <summary>Noise models accepted by <c>ckks.noise</c> (applies to the emulated backend).</summary>
    public static readonly IReadOnlyList<string> NoiseModels = ["none", "simulated"];

    /// <summary>True when <paramref name="dataset"/> holds text rather than images.</summary>
    public static bool IsText(string dataset) => TextDatasets.Contains(dataset);
}
