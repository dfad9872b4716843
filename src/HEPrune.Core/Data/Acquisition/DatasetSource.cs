namespace HEPrune.Core.Data.Acquisition;

/// <summary>What it takes to fetch one dataset: its files, or why it cannot be fetched automatically.</summary>
/// <param name="Id">The dataset.</param>
/// <param name="Files">The files to fetch (empty when not downloadable).</param>
/// <param name="NotDownloadableReason">Why no automatic download exists, or null.</param>
public sealed record DatasetSource(DatasetId Id, IReadOnlyList<RemoteFile> Files, string? NotDownloadableReason = null);
