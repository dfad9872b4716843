using HEPrune.Core.IO;

namespace HEPrune.Core.Data.Loaders;

/// <summary>Loads DermaMNIST (MedMNIST v2, 28×28 RGB) from the official npz layout with its official train/val/test splits.</summary>
public static class DermaMnistLoader
{
    /// <summary>The class names by label (MedMNIST's order).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
    [
        "actinic keratoses and intraepithelial carcinoma", "basal cell carcinoma", "benign keratosis-like lesions",
        "dermatofibroma", "melanoma", "melanocytic nevi", "vascular lesions",
    ];

    /// <summary>Loads <c>dermamnist.npz</c> from <paramref name="dir"/>.</summary>
    public static DatasetSplits Load(string dir)
    {
        string path = Path.Combine(dir, "dermamnist.npz");
        using Npz npz = Npz.Open(path);
        DataSplit train = ReadSplit(npz, path, "train");
        DataSplit val = ReadSplit(npz, path, "val");
        DataSplit test = ReadSplit(npz, path, "test");
        return new DatasetSplits(DatasetId.DermaMnist, ClassNames, train, val, test, dir);
    }

    private static DataSplit ReadSplit(Npz npz, string path, string split)
    {
        NpyArray images = npz.Read($"{split}_images");
        NpyArray labels = npz.Read($"{split}_labels");
        ReadOnlySpan<int> s = images.Shape;
        if (images.DType != NpyDType.UInt8 || s.Length != 4 || s[1] != 28 || s[2] != 28 || s[3] != 3)
        {
            throw new DataFormatException($"{path}[{split}_images.npy]", $"expected uint8 (N,28,28,3), found {images}");
        }

        ReadOnlySpan<int> ls = labels.Shape;
        bool labelShapeOk = (ls.Length == 2 && ls[1] == 1) || ls.Length == 1;
        bool integer = labels.DType is NpyDType.UInt8 or NpyDType.Int8 or NpyDType.Int32 or NpyDType.Int64;
        if (!labelShapeOk || ls[0] != s[0] || !integer)
        {
            throw new DataFormatException($"{path}[{split}_labels.npy]", $"expected ({s[0]},1) integer labels, found {labels}");
        }

        int[] y;
        try
        {
            y = labels.ToInt32Array();
        }
        catch (OverflowException ex)
        {
            throw new DataFormatException($"{path}[{split}_labels.npy]", ex.Message, ex);
        }

        for (int i = 0; i < y.Length; i++)
        {
            if ((uint)y[i] >= 7)
            {
                throw new DataFormatException($"{path}[{split}_labels.npy]", $"label {y[i]} at index {i} is outside 0..6");
            }
        }

        var img = ImageData.Uniform(images.RawBytes.ToArray(), s[0], 28, 28, 3);
        return new DataSplit(split, y, img, null, MnistLoader.Identity(y.Length));
    }
}
