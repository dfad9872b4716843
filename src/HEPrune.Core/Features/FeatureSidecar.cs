using System.Text.Json;
using System.Text.Json.Serialization;

namespace HEPrune.Core.Features;

/// <summary>The JSON sidecar written next to each cached feature file: what it holds and how it was made.</summary>
public sealed record FeatureSidecar
{
    /// <summary>[rows, dim].</summary>
    public required int[] Shape { get; init; }

    /// <summary>Extractor id.</summary>
    public required string Extractor { get; init; }

    /// <summary>Hash of the extractor weights.</summary>
    public required string WeightsHash { get; init; }

    /// <summary>Preprocessing description.</summary>
    public required string Preprocessing { get; init; }

    /// <summary>Dataset id.</summary>
    public required string Dataset { get; init; }

    /// <summary>Split name.</summary>
    public required string Split { get; init; }

    /// <summary>Checksum of the raw split.</summary>
    public required string DataChecksum { get; init; }

    /// <summary>The full cache key hash.</summary>
    public required string KeyHash { get; init; }

    /// <summary>Size of the .npy file in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>Hex SHA-256 of the .npy file.</summary>
    public required string FileSha256 { get; init; }

    /// <summary>Wall-clock seconds spent extracting (summed over resumed runs).</summary>
    public double Seconds { get; init; }

    /// <summary>Rows per second of extraction.</summary>
    public double ItemsPerSecond { get; init; }

    /// <summary>Creation time (UTC, ISO 8601).</summary>
    public required string CreatedAt { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
