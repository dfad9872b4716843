using HEPrune.Core.Data.Loaders;

namespace HEPrune.Core.Data;

/// <summary>Locates and loads any of the six datasets with HETAL's splits.</summary>
public static class DatasetLoader
{
    /// <summary>Finds <paramref name="id"/> (see <see cref="DataLocator"/>) and loads it; throws <see cref="DatasetNotFoundException"/> when absent.</summary>
    public static DatasetSplits Load(DatasetId id, DataLoadOptions? options = null)
    {
        options ??= new DataLoadOptions();
        string dir = new DataLocator(options.DataRoot).Require(id);
        return LoadFrom(id, dir, options);
    }

    /// <summary>Loads <paramref name="id"/> from the dataset folder <paramref name="dir"/> (no searching).</summary>
    public static DatasetSplits LoadFrom(DatasetId id, string dir, DataLoadOptions? options = null)
    {
        options ??= new DataLoadOptions();
        return id switch
        {
            DatasetId.Mnist or DatasetId.FashionMnist => MnistLoader.Load(id, dir),
            DatasetId.Cifar10 => Cifar10Loader.Load(dir, options.Cifar10Test),
            DatasetId.DermaMnist => DermaMnistLoader.Load(dir),
            DatasetId.FaceMask => FaceMaskLoader.Load(dir, options.VerifyFaceMaskAnnotations),
            DatasetId.Snips => SnipsLoader.Load(dir),
            _ => throw new ArgumentOutOfRangeException(nameof(id)),
        };
    }
}
