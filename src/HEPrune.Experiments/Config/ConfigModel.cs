namespace HEPrune.Experiments.Config;

// The raw YAML schema: one record per mapping, snake_case keys via UnderscoredNamingConvention.
// Every property is nullable: "absent" is distinguishable from a value, and defaults are applied by the matrix.

/// <summary>The top level of an experiment YAML file, exactly as written (before defaults).</summary>
public sealed record ExperimentConfig
{
    /// <summary>Experiment name; results go to results/&lt;name&gt;/ unless overridden.</summary>
    public string? Name { get; init; }
    /// <summary>Optional free text shown in reports.</summary>
    public string? Description { get; init; }
    /// <summary>Datasets to run (see <see cref="Vocabulary.Datasets"/>).</summary>
    public List<string>? Datasets { get; init; }
    /// <summary>Where and how much data to load.</summary>
    public DataConfig? Data { get; init; }
    /// <summary>Feature extraction.</summary>
    public FeaturesConfig? Features { get; init; }
    /// <summary>Training methods (see <see cref="Vocabulary.Methods"/>).</summary>
    public List<string>? Methods { get; init; }
    /// <summary>Fractions of the training data kept per pruning round, each in (0, 1].</summary>
    public List<double>? Keep { get; init; }
    /// <summary>Random seeds; one run per seed.</summary>
    public List<int>? Seeds { get; init; }
    /// <summary>Backends to run on (a scalar or a list).</summary>
    public List<string>? Backend { get; init; }
    /// <summary>CKKS parameters.</summary>
    public CkksConfig? Ckks { get; init; }
    /// <summary>Training hyperparameters; omitted ones default per dataset.</summary>
    public TrainingConfig? Training { get; init; }
    /// <summary>Training overrides that apply to a subset of the matrix.</summary>
    public List<OverrideConfig>? Overrides { get; init; }
    /// <summary>An additional real encrypted run at reduced scale, for calibration and validation.</summary>
    public MeasureConfig? Measure { get; init; }
    /// <summary>Output location.</summary>
    public OutputConfig? Output { get; init; }
}

/// <summary>The <c>data</c> section: data location, test split and sample caps.</summary>
public sealed record DataConfig
{
    /// <summary>Folder holding the datasets; null uses the loaders' default search path.</summary>
    public string? Root { get; init; }
    /// <summary><c>official</c> test set or a <c>holdout</c> carved from the training data.</summary>
    public string? TestSplit { get; init; }
    /// <summary>Maximum number of training samples (null: all).</summary>
    public int? LimitTrain { get; init; }
    /// <summary>Maximum number of validation samples (null: all).</summary>
    public int? LimitVal { get; init; }
    /// <summary>Maximum number of test samples (null: all).</summary>
    public int? LimitTest { get; init; }
}

/// <summary>The <c>features</c> section: which frozen extractor turns samples into vectors.</summary>
public sealed record FeaturesConfig
{
    /// <summary>Extractor for image datasets.</summary>
    public string? Extractor { get; init; }
    /// <summary>Extractor for text datasets.</summary>
    public string? TextExtractor { get; init; }
    /// <summary>TorchScript file (extractor <c>torchscript</c> only).</summary>
    public string? Path { get; init; }
    /// <summary>TorchScript text module (text_extractor <c>torchscript</c> only), its <c>.tokenizer.json</c> sidecar beside it.</summary>
    public string? TextPath { get; init; }
    /// <summary>Square input size in pixels the images are resized to.</summary>
    public int? ImageSize { get; init; }
    /// <summary>Normalisation mean, one value or one per channel.</summary>
    public List<double>? Mean { get; init; }
    /// <summary>Normalisation standard deviation, one value or one per channel.</summary>
    public List<double>? Std { get; init; }
    /// <summary>Per-sample normalisation of the features before encryption: <c>none</c> or <c>l2</c> (rows scaled to norm 4).</summary>
    public string? Normalize { get; init; }
}

/// <summary>The <c>ckks</c> section.</summary>
public sealed record CkksConfig
{
    /// <summary>Named CKKS parameter preset.</summary>
    public string? Preset { get; init; }
    /// <summary>Noise model of the emulated backend.</summary>
    public string? Noise { get; init; }
    /// <summary>How real-CKKS runs refresh exhausted ciphertexts: <c>client</c> (re-encryption round trip) or <c>bootstrap</c>.</summary>
    public string? Refresh { get; init; }
}

/// <summary>The <c>training</c> section (also used inside <c>overrides</c>).</summary>
public sealed record TrainingConfig
{
    /// <summary>Which published table supplies the omitted values.</summary>
    public string? Recipe { get; init; }
    /// <summary>Trainable model.</summary>
    public string? Model { get; init; }
    /// <summary>Hidden layer widths of the MLP.</summary>
    public List<int>? Hidden { get; init; }
    /// <summary>Mini-batch size (samples per ciphertext block).</summary>
    public int? Batch { get; init; }
    /// <summary>Maximum number of epochs.</summary>
    public int? Epochs { get; init; }
    /// <summary>Learning rate.</summary>
    public double? Lr { get; init; }
    /// <summary>Optimizer.</summary>
    public string? Optimizer { get; init; }
    /// <summary>Pruning period Δτ in epochs.</summary>
    public int? PruneEvery { get; init; }
    /// <summary>Fraction of the highest scores skipped as likely noise before selecting.</summary>
    public double? Window { get; init; }
    /// <summary>Whether the client stops training on validation loss.</summary>
    public bool? EarlyStopping { get; init; }
    /// <summary>Epochs without validation-loss improvement before stopping.</summary>
    public int? Patience { get; init; }
}

/// <summary>One entry of <c>overrides</c>: training values for the runs matching <see cref="When"/>.</summary>
public sealed record OverrideConfig
{
    /// <summary>Which runs the override applies to.</summary>
    public OverrideMatch? When { get; init; }
    /// <summary>The values to override.</summary>
    public TrainingConfig? Training { get; init; }
}

/// <summary>The selector of an override: a run matches if every given list contains its value.</summary>
public sealed record OverrideMatch
{
    /// <summary>Datasets matched (null: all).</summary>
    public List<string>? Datasets { get; init; }
    /// <summary>Methods matched (null: all).</summary>
    public List<string>? Methods { get; init; }
    /// <summary>Kept fractions matched (null: all).</summary>
    public List<double>? Keep { get; init; }
}

/// <summary>The <c>measure</c> section: a real encrypted run at reduced scale next to each full-scale run.</summary>
public sealed record MeasureConfig
{
    /// <summary>Backend of the measuring run.</summary>
    public string? Backend { get; init; }
    /// <summary>CKKS preset of the measuring run (default: ckks.preset).</summary>
    public string? Preset { get; init; }
    /// <summary>Training samples used by the measuring run.</summary>
    public int? Samples { get; init; }
    /// <summary>Epochs of the measuring run.</summary>
    public int? Epochs { get; init; }
    /// <summary>Mini-batch size of the measuring runs (default: the main run's). For models whose ciphertext layout needs
    /// batch × width slots (the MLP), a smaller batch fits a smaller ring (e.g. batch 8 on test-n12).</summary>
    public int? Batch { get; init; }
    /// <summary>Kept fractions to measure (default: every kept fraction); method hetal (keep 1) is always measured.</summary>
    public List<double>? Keep { get; init; }
    /// <summary>Whether to measure every seed (default: only the first seed).</summary>
    public bool? AllSeeds { get; init; }
}

/// <summary>The <c>output</c> section.</summary>
public sealed record OutputConfig
{
    /// <summary>Results folder (default results/&lt;name&gt;), relative to the working directory.</summary>
    public string? Folder { get; init; }
}
