namespace HEPrune.Core.Data;

/// <summary>Which images form CIFAR-10's test split.</summary>
public enum Cifar10TestSplit
{
    /// <summary>The official test batch as found on disk (here only its first 1,000 images; a warning says so).</summary>
    Official,

    /// <summary>The last 10,000 official training images (data_batch_5) are the test set; train/val are random_split(0.875/0.125, seed 0) of the first 40,000.</summary>
    Holdout,
}

/// <summary>Options for locating and loading a dataset.</summary>
public sealed record DataLoadOptions
{
    /// <summary>An explicit data root searched first (e.g. <c>--data-root</c>), or null.</summary>
    public string? DataRoot { get; init; }

    /// <summary>How CIFAR-10's test split is formed (default: the official test batch).</summary>
    public Cifar10TestSplit Cifar10Test { get; init; } = Cifar10TestSplit.Official;

    /// <summary>For Face Mask: cross-check box_labels.csv against the Pascal-VOC annotations when annotations.tar.gz is present (default true).</summary>
    public bool VerifyFaceMaskAnnotations { get; init; } = true;
}
