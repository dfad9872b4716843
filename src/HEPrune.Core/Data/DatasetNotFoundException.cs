namespace HEPrune.Core.Data;

/// <summary>Thrown when a dataset is not on this machine; the message lists where it looked and how to get it.</summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception from a failed lookup.</summary>
    public DatasetNotFoundException(DatasetLocation location)
        : base(BuildMessage(location))
    {
        Location = location;
    }

    /// <summary>The failed lookup.</summary>
    public DatasetLocation Location { get; }

    private static string BuildMessage(DatasetLocation loc) =>
        $"dataset '{loc.Id.Name()}' not found; needs {string.Join(", ", DatasetLayout.RequiredFiles(loc.Id))}. Looked in:\n  "
        + string.Join("\n  ", loc.Searched)
        + $"\nHow to get it: {DatasetLayout.HowToGet(loc.Id)}";
}
