namespace HEPrune.Features.Torch.Reference;

/// <summary>Hyperparameters of the TorchSharp MLP reference (defaults: the paper's Table 3 recipe).</summary>
public sealed record MlpReferenceOptions
{
    /// <summary>Learning rate of vanilla SGD (paper: 0.1).</summary>
    public double Lr { get; init; } = 0.1;

    /// <summary>Mini-batch size (paper: 128).</summary>
    public int Batch { get; init; } = 128;

    /// <summary>Epochs (paper: 50).</summary>
    public int Epochs { get; init; } = 50;

    /// <summary>Seed of the initialisation, the random subset and the shuffles.</summary>
    public int Seed { get; init; }

    /// <summary>Kept fraction (1 = full data).</summary>
    public double Keep { get; init; } = 1;

    /// <summary>Pruning period Δτ in epochs (paper: 10).</summary>
    public int PruneEvery { get; init; } = 10;

    /// <summary>Shuffle the samples every epoch (off: the subset's order, e.g. to compare single steps).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(Lr > 0) || !double.IsFinite(Lr)) throw new ArgumentException($"MlpReferenceOptions: Lr must be a positive finite number, got {Lr}.");
        if (Batch < 1) throw new ArgumentException($"MlpReferenceOptions: Batch must be >= 1, got {Batch}.");
        if (Epochs < 1) throw new ArgumentException($"MlpReferenceOptions: Epochs must be >= 1, got {Epochs}.");
        if (!(Keep > 0 && Keep <= 1)) throw new ArgumentException($"MlpReferenceOptions: Keep must be in (0, 1], got {Keep}.");
        if (PruneEvery < 1) throw new ArgumentException($"MlpReferenceOptions: PruneEvery must be >= 1, got {PruneEvery}.");
    }
}
