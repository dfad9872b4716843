namespace HEPrune.Core.Data.Acquisition;

/// <summary>Official download locations and published checksums of the datasets.</summary>
/// <remarks>MNIST: the PyTorch mirror of the official files with the md5s torchvision publishes. Fashion-MNIST: Zalando's
/// repository, same md5s as torchvision. CIFAR-10: the binary tarball from the dataset's home page with its published md5.
/// DermaMNIST: MedMNIST's Zenodo record with the md5 in MedMNIST's INFO table. SNIPS: the StackPropagation-SLU files
/// HETAL downloads, pinned to commit 4cc9da1, with the sha256 of shared/datasets/README.md. Face Mask: Kaggle needs an
/// account, so it cannot be fetched.</remarks>
public static class DatasetSources
{
    private const string MnistBase = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private const string FashionBase = "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";
    private const string SnipsBase = "https://raw.githubusercontent.com/LeePleased/StackPropagation-SLU/4cc9da10909a7c3fb1bbb04b6e4b85e3422a0c9b/data/snips/";

    /// <summary>Returns the download description of <paramref name="id"/>.</summary>
    public static DatasetSource For(DatasetId id) => id switch
    {
        DatasetId.Mnist => new(id, Idx("mnist", MnistBase, id)),
        DatasetId.FashionMnist => new(id, Idx("fashion-mnist", FashionBase, id)),
        DatasetId.Cifar10 => new(id,
        [
            new RemoteFile("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", "cifar10/cifar-10-binary.tar.gz",
                "cifar10/cifar-10-binary.tar.gz", "md5", "c32a1d4ab5d03f1284b67883e8d87530", ExtractTo: "cifar10", ExtractPrefix: "cifar-10-batches-bin"),
        ]),
        DatasetId.DermaMnist => new(id,
        [
            new RemoteFile("https://zenodo.org/records/10519652/files/dermamnist.npz?download=1", "dermamnist/dermamnist.npz",
                "dermamnist/dermamnist.npz", "md5", "0744692d530f8e62ec473284d019b0c7"),
        ]),
        DatasetId.FaceMask => new(id, [],
            "Kaggle's andrewmvd/face-mask-detection cannot be downloaded without a Kaggle account and API token; "
            + "use the prepared face-mask-detection/ folder of the shared datasets (see docs/data.md)."),
        DatasetId.Snips => new(id,
        [
            Snips("train.txt"), Snips("dev.txt"), Snips("test.txt"),
        ]),
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    private static RemoteFile[] Idx(string dir, string baseUrl, DatasetId id)
    {
        var files = new RemoteFile[4];
        for (int i = 0; i < 4; i++)
        {
            string name = DatasetLayout.IdxFiles[i] + ".gz";
            files[i] = new RemoteFile(baseUrl + name, $"{dir}/{name}", $"{dir}/{name}", "md5", Status.KnownChecksums.Md5[(id, name)]);
        }

        return files;
    }

    private static RemoteFile Snips(string name) =>
        new(SnipsBase + name, $"snips/{name}", $"snips/{name}", "sha256", Status.KnownChecksums.Sha256[(DatasetId.Snips, name)]);
}
