using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HEPrune.Experiments.Running;

/// <summary>Canonical JSON (snake_case, keys sorted, no whitespace) and the short hashes derived from it.</summary>
public static class CanonicalJson
{
    /// <summary>
    /// Serializer options shared by records, manifests and canonical forms: snake_case, nulls kept, and non-finite
    /// numbers written as "NaN"/"Infinity" (a diverged run's loss must be recorded, not lose the whole run).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The canonical text of <paramref name="value"/>: every object's keys sorted ordinally.</summary>
    public static string Serialize<T>(T value)
    {
        var node = JsonSerializer.SerializeToNode(value, Options);
        return Sort(node)?.ToJsonString() ?? "null";
    }

    /// <summary>The first 12 hex digits of the SHA-256 of <paramref name="canonical"/>.</summary>
    public static string ShortHash(string canonical)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(hash)[..12];
    }

    /// <summary>Returns a deep copy of <paramref name="node"/> with every object's keys in ordinal order.</summary>
    public static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
