namespace HEPrune.Core.Features;

/// <summary>Progress of a feature extraction, reported after every chunk.</summary>
/// <param name="Dataset">Dataset id.</param>
/// <param name="Split">Split name.</param>
/// <param name="Done">Rows finished (including rows resumed from earlier chunks).</param>
/// <param name="Total">Rows in the split.</param>
/// <param name="ItemsPerSecond">Throughput of this run so far (rows extracted now / elapsed seconds).</param>
public readonly record struct ExtractionProgress(string Dataset, string Split, int Done, int Total, double ItemsPerSecond);
