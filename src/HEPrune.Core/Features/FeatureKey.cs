using System.Security.Cryptography;
using System.Text;

namespace HEPrune.Core.Features;

/// <summary>
/// Identifies one cached feature matrix: which extractor (id, weights hash, preprocessing) was applied to which data
/// (dataset, split, checksum of the raw samples and labels). Any change gives a different <see cref="Hash"/>.
/// </summary>
/// <param name="Extractor">Extractor id, e.g. <c>mobilenet_v2</c>.</param>
/// <param name="WeightsHash">Hash of the extractor's weights.</param>
/// <param name="Preprocessing">Canonical preprocessing description.</param>
/// <param name="Dataset">Dataset id, e.g. <c>mnist</c>.</param>
/// <param name="Split">Split name: train, val or test.</param>
/// <param name="DataChecksum">Hex SHA-256 of the split's raw samples and labels (<see cref="DataChecksum"/>).</param>
public sealed record FeatureKey(string Extractor, string WeightsHash, string Preprocessing, string Dataset, string Split, string DataChecksum)
{
    /// <summary>Hex SHA-256 over all fields of the key.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', Extractor, WeightsHash, Preprocessing, Dataset, Split, DataChecksum))));

    /// <summary>Hash of the extractor part only (id, weights, preprocessing): names the cache folder shared by all splits.</summary>
    public string ExtractorHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', Extractor, WeightsHash, Preprocessing))))[..12];
}
