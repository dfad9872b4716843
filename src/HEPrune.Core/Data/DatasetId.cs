namespace HEPrune.Core.Data;

/// <summary>The six datasets of the HETAL/HEPrune evaluation.</summary>
public enum DatasetId
{
    /// <summary>MNIST handwritten digits, 28×28 gray, 10 classes (id <c>mnist</c>).</summary>
    Mnist,

    /// <summary>Fashion-MNIST, 28×28 gray, 10 classes (id <c>fashion_mnist</c>); not in the paper, a drop-in extra.</summary>
    FashionMnist,

    /// <summary>CIFAR-10, 32×32 RGB, 10 classes (id <c>cifar10</c>).</summary>
    Cifar10,

    /// <summary>DermaMNIST (MedMNIST v2), 28×28 RGB, 7 classes (id <c>dermamnist</c>).</summary>
    DermaMnist,

    /// <summary>Kaggle Face Mask Detection face crops, RGB of varying size, 3 classes (id <c>face_mask</c>).</summary>
    FaceMask,

    /// <summary>SNIPS intent classification, English utterances, 7 classes (id <c>snips</c>).</summary>
    Snips,
}

/// <summary>String ids (as used on the command line and in configs) for <see cref="DatasetId"/>.</summary>
public static class DatasetIds
{
    /// <summary>All datasets in a fixed order.</summary>
    public static IReadOnlyList<DatasetId> All { get; } =
        [DatasetId.Mnist, DatasetId.FashionMnist, DatasetId.Cifar10, DatasetId.DermaMnist, DatasetId.FaceMask, DatasetId.Snips];

    /// <summary>Returns the string id, e.g. <c>fashion_mnist</c>.</summary>
    public static string Name(this DatasetId id) => id switch
    {
        DatasetId.Mnist => "mnist",
        DatasetId.FashionMnist => "fashion_mnist",
        DatasetId.Cifar10 => "cifar10",
        DatasetId.DermaMnist => "dermamnist",
        DatasetId.FaceMask => "face_mask",
        DatasetId.Snips => "snips",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown dataset"),
    };

    /// <summary>Parses a string id (case-insensitive; '-' is accepted for '_', and <c>face-mask-detection</c> as in HETAL).</summary>
    public static DatasetId Parse(string name)
    {
        string n = name.Trim().ToLowerInvariant().Replace('-', '_');
        foreach (DatasetId id in All)
        {
            if (id.Name() == n)
            {
                return id;
            }
        }

        if (n is "face_mask_detection")
        {
            return DatasetId.FaceMask;
        }

        throw new ArgumentException($"unknown dataset '{name}' (known: {string.Join(", ", All.Select(d => d.Name()))})", nameof(name));
    }
}
