using HEPrune.Core.Data.Splitting;
using HEPrune.Core.IO;

namespace HEPrune.Core.Data.Loaders;

/// <summary>Loads MNIST or Fashion-MNIST from IDX files with HETAL's split: random_split(train, [0.875, 0.125], seed 0) and the official test set.</summary>
public static class MnistLoader
{
    /// <summary>Fashion-MNIST class names by label.</summary>
    public static IReadOnlyList<string> FashionClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>MNIST class names by label (the digits).</summary>
    public static IReadOnlyList<string> DigitClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>The seed of HETAL's <c>torch.Generator().manual_seed(0)</c>.</summary>
    public const ulong SplitSeed = 0;

    /// <summary>Loads <paramref name="id"/> (Mnist or FashionMnist) from the four IDX files (plain or .gz) in <paramref name="dir"/>.</summary>
    public static DatasetSplits Load(DatasetId id, string dir)
    {
        if (id is not (DatasetId.Mnist or DatasetId.FashionMnist))
        {
            throw new ArgumentException($"{id} is not an IDX dataset", nameof(id));
        }

        (ImageData test, int[] testLabels) = ReadPair(dir, "t10k"); // the smaller pair first: damaged copies fail fast
        (ImageData trainAll, int[] trainLabels) = ReadPair(dir, "train");
        int[][] parts = TorchRandom.RandomSplit(trainAll.Count, [0.875, 0.125], SplitSeed);
        DataSplit train = Subset("train", trainAll, trainLabels, parts[0]);
        DataSplit val = Subset("val", trainAll, trainLabels, parts[1]);
        var testSplit = new DataSplit("test", testLabels, test, null, Identity(test.Count));
        return new DatasetSplits(id, id == DatasetId.Mnist ? DigitClassNames : FashionClassNames, train, val, testSplit, dir);
    }

    private static (ImageData Images, int[] Labels) ReadPair(string dir, string prefix)
    {
        string imagesPath = DatasetLayout.FindFile(dir, $"{prefix}-images-idx3-ubyte")
            ?? throw new FileNotFoundException($"{Path.Combine(dir, prefix + "-images-idx3-ubyte")}[.gz] not found");
        string labelsPath = DatasetLayout.FindFile(dir, $"{prefix}-labels-idx1-ubyte")
            ?? throw new FileNotFoundException($"{Path.Combine(dir, prefix + "-labels-idx1-ubyte")}[.gz] not found");
        var (pixels, n, rows, cols) = Idx.ReadImages(imagesPath);
        if (rows != 28 || cols != 28)
        {
            throw new DataFormatException(imagesPath, $"expected 28×28 images, found {rows}×{cols}");
        }

        byte[] labels = Idx.ReadLabels(labelsPath);
        if (labels.Length != n)
        {
            throw new DataFormatException(labelsPath, $"{labels.Length} labels for the {n} images of {Path.GetFileName(imagesPath)}");
        }

        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (labels[i] > 9)
            {
                throw new DataFormatException(labelsPath, $"label {labels[i]} at index {i} is outside 0..9");
            }

            y[i] = labels[i];
        }

        return (ImageData.Uniform(pixels, n, rows, cols, 1), y);
    }

    /// <summary>Builds the split holding <paramref name="indices"/> of a source set, in that order.</summary>
    internal static DataSplit Subset(string name, ImageData images, int[] labels, int[] indices, string? warning = null)
    {
        var y = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            y[i] = labels[indices[i]];
        }

        return new DataSplit(name, y, images.Select(indices), null, indices, warning);
    }

    /// <summary>Returns 0..n-1.</summary>
    internal static int[] Identity(int n)
    {
        var a = new int[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = i;
        }

        return a;
    }
}
