namespace HEPrune.Features.Torch.Reference;

/// <summary>Error score used to rank samples when pruning: exact EL2N (L2 norm of p − y) or HEPrune's L1 variant.</summary>
public enum ErrorScore
{
    /// <summary>‖p − y‖₂ (dynamic EL2N, the "Prune baseline" score).</summary>
    L2,

    /// <summary>Σ_j |p_j − y_j| (HEPrune's HE-friendly score, computed exactly).</summary>
    L1,
}

/// <summary>Learning-rate schedule of a reference run.</summary>
public enum LrSchedule
{
    /// <summary>Cosine annealing stepped once per batch over ceil(N·keep/batch)·epochs steps, down to EtaMin (HEPrune).</summary>
    CosinePerBatch,

    /// <summary>Constant learning rate (HETAL's CLI).</summary>
    Constant,
}

/// <summary>
/// Hyperparameters of the unencrypted reference training of a linear classifier on frozen features, with optional
/// dynamic data pruning. <see cref="HEPrune"/> and <see cref="Hetal"/> give the papers' per-dataset values.
/// </summary>
public sealed record ReferenceRecipe
{
    /// <summary>Peak learning rate.</summary>
    public double Lr { get; init; } = 0.5;

    /// <summary>Number of epochs.</summary>
    public int Epochs { get; init; } = 7;

    /// <summary>Mini-batch size.</summary>
    public int Batch { get; init; } = 128;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Whether the momentum is Nesterov's.</summary>
    public bool Nesterov { get; init; } = true;

    /// <summary>L2 weight decay (applied to weights and bias, as PyTorch's SGD does).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Learning-rate schedule.</summary>
    public LrSchedule Schedule { get; init; } = LrSchedule.CosinePerBatch;

    /// <summary>Final learning rate of the cosine schedule.</summary>
    public double EtaMin { get; init; } = 1e-4;

    /// <summary>Fraction of the training set kept (1 = no pruning).</summary>
    public double Keep { get; init; } = 1.0;

    /// <summary>Re-score and re-select every this many epochs (Δτ); epoch 0 uses a uniformly random subset.</summary>
    public int PruneEvery { get; init; } = 3;

    /// <summary>Fraction of highest-score samples skipped before keeping the next ones (noise window).</summary>
    public double Window { get; init; }

    /// <summary>Score used to rank samples when pruning.</summary>
    public ErrorScore Score { get; init; } = ErrorScore.L1;

    /// <summary>Early-stopping patience in epochs on validation loss (0 = off). Needs a validation set.</summary>
    public int Patience { get; init; }

    /// <summary>Seed of the weight initialisation, the shuffling and the random initial subset.</summary>
    public int Seed { get; init; }

    /// <summary>HEPrune's plaintext recipe with the per-dataset values of its accuracy scripts (DeepCore/datasets.sh).</summary>
    /// <exception cref="ArgumentException">Unknown dataset name.</exception>
    public static ReferenceRecipe HEPrune(string dataset, double keep = 1.0) => Normalize(dataset) switch
    {
        "mnist" or "fashion_mnist" => new ReferenceRecipe { Lr = 0.5, PruneEvery = 3, Epochs = 7, Window = 0.04, Keep = keep },
        "cifar10" => new ReferenceRecipe { Lr = 0.5, PruneEvery = 3, Epochs = 9, Window = 0, Keep = keep },
        "face_mask" => new ReferenceRecipe { Lr = 0.8, PruneEvery = 5, Epochs = 22, Window = 0.025, Keep = keep },
        "dermamnist" => new ReferenceRecipe { Lr = 0.95, PruneEvery = 5, Epochs = 23, Window = 0.18, Keep = keep },
        "snips" => new ReferenceRecipe { Lr = 0.5, PruneEvery = 5, Epochs = 14, Window = 0, Keep = keep },
        _ => throw new ArgumentException($"no HEPrune recipe for dataset '{dataset}' (mnist, fashion_mnist, cifar10, face_mask, dermamnist, snips)"),
    };

    /// <summary>HETAL's defaults (hyperparams.py): lr / batch / max epochs per dataset, Nesterov SGD without weight decay,
    /// constant learning rate, early stopping with patience 3 when a validation set is given.</summary>
    /// <exception cref="ArgumentException">Unknown dataset name.</exception>
    public static ReferenceRecipe Hetal(string dataset)
    {
        var (lr, batch, epochs) = Normalize(dataset) switch
        {
            "mnist" or "fashion_mnist" => (2.0, 1024, 7),
            "cifar10" => (1.0, 2048, 9),
            "face_mask" => (0.5, 512, 22),
            "dermamnist" => (0.3, 1024, 23),
            "snips" => (1.0, 1024, 14),
            _ => throw new ArgumentException($"no HETAL recipe for dataset '{dataset}'"),
        };
        return new ReferenceRecipe
        {
            Lr = lr, Batch = batch, Epochs = epochs, WeightDecay = 0, Schedule = LrSchedule.Constant, Patience = 3, Window = 0,
        };
    }

    /// <summary>Throws a clear message for values that cannot work.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(Lr > 0)) throw new ArgumentException($"lr must be > 0; got {Lr}");
        if (Epochs < 1) throw new ArgumentException($"epochs must be ≥ 1; got {Epochs}");
        if (Batch < 1) throw new ArgumentException($"batch must be ≥ 1; got {Batch}");
        if (!(Keep > 0 && Keep <= 1)) throw new ArgumentException($"keep must be in (0, 1]; got {Keep}");
        if (!(Window >= 0 && Window < 1)) throw new ArgumentException($"window must be in [0, 1); got {Window}");
        if (PruneEvery < 1) throw new ArgumentException($"prune_every must be ≥ 1; got {PruneEvery}");
    }

    private static string Normalize(string d) => d.ToLowerInvariant().Replace('-', '_') switch
    {
        "fashionmnist" => "fashion_mnist",
        "facemask" or "face_mask_detection" => "face_mask",
        var s => s,
    };
}
