namespace HEPrune.Core.Data;

/// <summary>Where a dataset was found (or not) and every place that was searched.</summary>
/// <param name="Id">The dataset.</param>
/// <param name="Directory">The directory holding its files, or null when not found.</param>
/// <param name="Origin">Which search rule found it (e.g. <c>HEPRUNE_DATA</c>), or null.</param>
/// <param name="Searched">The directories tried, in order, with their origins.</param>
public sealed record DatasetLocation(DatasetId Id, string? Directory, string? Origin, IReadOnlyList<string> Searched)
{
    /// <summary>True when the dataset was found.</summary>
    public bool Found => Directory is not null;
}
