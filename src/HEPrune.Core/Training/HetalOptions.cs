namespace HEPrune.Core.Training;

/// <summary>Hyperparameters and run settings of one HETAL training.</summary>
public sealed record HetalOptions
{
    /// <summary>Learning rate η (the gradient is the batch mean, so the step is η/B·Σ).</summary>
    public double LearningRate { get; init; } = 1.0;

    /// <summary>Batch size B (= s0 when it fits).</summary>
    public int Batch { get; init; } = 128;

    /// <summary>Maximum number of epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Update rule (HETAL default: Nesterov).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Nesterov;

    /// <summary>True to stop when the validation loss has not improved for <see cref="Patience"/> epochs.</summary>
    public bool EarlyStopping { get; init; } = true;

    /// <summary>Early-stopping patience (HETAL: 3).</summary>
    public int Patience { get; init; } = 3;

    /// <summary>True to return the best-validation-loss model instead of the last one (spec §1.4, inferred).</summary>
    public bool ReturnBestModel { get; init; } = true;

    /// <summary>Seed of batch composition and order and of the initial weights.</summary>
    public int Seed { get; init; }

    /// <summary>Std of the Gaussian initial weights (0 = zeros; heaan_sdk's initialisation was not found).</summary>
    public double InitStd { get; init; }

    /// <summary>How refresh points are served.</summary>
    public RefreshMode Refresh { get; init; } = RefreshMode.Client;

    /// <summary>Minimum bootstrap input level when <see cref="Refresh"/> is Bootstrap and the backend has none installed.</summary>
    public int BootstrapFloor { get; init; }

    /// <summary>Shuffle samples into batches and batch order per epoch.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"HetalOptions: LearningRate must be a positive finite number, got {LearningRate}.");
        if (Batch < 1) throw new ArgumentException($"HetalOptions: Batch must be >= 1, got {Batch}.");
        if (Epochs < 1) throw new ArgumentException($"HetalOptions: Epochs must be >= 1, got {Epochs}.");
        if (Patience < 1) throw new ArgumentException($"HetalOptions: Patience must be >= 1, got {Patience}.");
        if (InitStd < 0) throw new ArgumentException($"HetalOptions: InitStd must be >= 0, got {InitStd}.");
    }

    /// <summary>
    /// HETAL's per-dataset defaults (spec §1.5, from hyperparams.py): mnist 2.0/1024/7, cifar10 1.0/2048/9,
    /// face_mask 0.5/512/22, dermamnist 0.3/1024/23, snips 1.0/1024/14 (lr/batch/max epochs).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown dataset name.</exception>
    public static HetalOptions ForDataset(string dataset) => Normalize(dataset) switch
    {
        "mnist" => new HetalOptions { LearningRate = 2.0, Batch = 1024, Epochs = 7 },
        "cifar10" => new HetalOptions { LearningRate = 1.0, Batch = 2048, Epochs = 9 },
        "facemask" => new HetalOptions { LearningRate = 0.5, Batch = 512, Epochs = 22 },
        "dermamnist" => new HetalOptions { LearningRate = 0.3, Batch = 1024, Epochs = 23 },
        "snips" => new HetalOptions { LearningRate = 1.0, Batch = 1024, Epochs = 14 },
        _ => throw new ArgumentException($"HetalOptions.ForDataset: unknown dataset '{dataset}' (expected mnist, cifar10, face_mask, dermamnist, snips).", nameof(dataset)),
    };

    /// <summary>
    /// HEPrune's re-run of HETAL at batch 128 (spec §3.6, DeepCore/datasets.sh): lr mnist 0.5, cifar10 0.5,
    /// face_mask 0.8, dermamnist 0.95, snips 0.5; epochs 7, 9, 22, 23, 14.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown dataset name.</exception>
    public static HetalOptions HEPruneVariant(string dataset) => Normalize(dataset) switch
    {
        "mnist" => new HetalOptions { LearningRate = 0.5, Batch = 128, Epochs = 7 },
        "cifar10" => new HetalOptions { LearningRate = 0.5, Batch = 128, Epochs = 9 },
        "facemask" => new HetalOptions { LearningRate = 0.8, Batch = 128, Epochs = 22 },
        "dermamnist" => new HetalOptions { LearningRate = 0.95, Batch = 128, Epochs = 23 },
        "snips" => new HetalOptions { LearningRate = 0.5, Batch = 128, Epochs = 14 },
        _ => throw new ArgumentException($"HetalOptions.HEPruneVariant: unknown dataset '{dataset}' (expected mnist, cifar10, face_mask, dermamnist, snips).", nameof(dataset)),
    };

    private static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
    }
}
