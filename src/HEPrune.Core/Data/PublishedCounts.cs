namespace HEPrune.Core.Data;

/// <summary>Published per-class counts of the official sources, to check loaded data against.</summary>
/// <remarks>MNIST and Fashion-MNIST: the official training and test label counts. The others: the counts in
/// shared/datasets/README.md (which equal MedMNIST's, HETAL's 4,072 boxes and the SNIPS files).</remarks>
public static class PublishedCounts
{
    /// <summary>MNIST official training labels per digit.</summary>
    public static IReadOnlyList<int> MnistTrain { get; } = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];

    /// <summary>MNIST official test labels per digit.</summary>
    public static IReadOnlyList<int> MnistTest { get; } = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    /// <summary>Fashion-MNIST official training labels per class.</summary>
    public static IReadOnlyList<int> FashionTrain { get; } = Enumerable.Repeat(6000, 10).ToArray();

    /// <summary>Fashion-MNIST official test labels per class.</summary>
    public static IReadOnlyList<int> FashionTest { get; } = Enumerable.Repeat(1000, 10).ToArray();

    /// <summary>CIFAR-10 training set per class.</summary>
    public static IReadOnlyList<int> Cifar10Train { get; } = Enumerable.Repeat(5000, 10).ToArray();

    /// <summary>CIFAR-10 first 1,000 official test images per class (the part present in the shared folder).</summary>
    public static IReadOnlyList<int> Cifar10TestFirst1000 { get; } = [103, 89, 100, 103, 90, 86, 112, 102, 106, 109];

    /// <summary>CIFAR-10 full official test set per class.</summary>
    public static IReadOnlyList<int> Cifar10TestFull { get; } = Enumerable.Repeat(1000, 10).ToArray();

    /// <summary>CIFAR-10 per-batch counts (data_batch_1..5).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Cifar10Batches { get; } =
    [
        [1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981],
        [984, 1007, 1010, 995, 1010, 988, 1008, 1026, 987, 985],
        [994, 1042, 965, 997, 990, 1029, 978, 1015, 961, 1029],
        [1003, 963, 1041, 976, 1004, 1021, 1004, 981, 1024, 983],
        [1014, 1014, 952, 1016, 997, 1025, 980, 977, 1003, 1022],
    ];

    /// <summary>DermaMNIST official splits per class (train, val, test).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> DermaMnist { get; } =
    [
        [228, 359, 769, 80, 779, 4693, 99],
        [33, 52, 110, 12, 111, 671, 14],
        [66, 103, 220, 23, 223, 1341, 29],
    ];

    /// <summary>Face Mask HETAL split per label 0/1/2 (train, val, test).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> FaceMask { get; } = [[2261, 86, 502], [324, 12, 72], [647, 25, 143]];

    /// <summary>SNIPS per intent in HETAL's label order (train, dev, test).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Snips { get; } =
    [
        [1914, 1896, 1881, 1818, 1876, 1847, 1852],
        [100, 100, 100, 100, 100, 100, 100],
        [86, 104, 92, 124, 80, 107, 107],
    ];

    /// <summary>Returns the expected train+val (official training set) and test per-class counts of a dataset, or null when unknown.</summary>
    /// <remarks>For datasets whose split is HETAL's random_split of the official train set, train and val are summed.</remarks>
    public static (IReadOnlyList<int>? TrainVal, IReadOnlyList<int>? Train, IReadOnlyList<int>? Val, IReadOnlyList<int> Test)? For(DatasetId id, int testCount) => id switch
    {
        DatasetId.Mnist => (MnistTrain, null, null, MnistTest),
        DatasetId.FashionMnist => (FashionTrain, null, null, FashionTest),
        DatasetId.Cifar10 => (Cifar10Train, null, null, testCount == 1000 ? Cifar10TestFirst1000 : Cifar10TestFull),
        DatasetId.DermaMnist => (null, DermaMnist[0], DermaMnist[1], DermaMnist[2]),
        DatasetId.FaceMask => (null, FaceMask[0], FaceMask[1], FaceMask[2]),
        DatasetId.Snips => (null, Snips[0], Snips[1], Snips[2]),
        _ => null,
    };
}
