using System.Text.Json;
using System.Text.Json.Nodes;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Results;

/// <summary>Reads and writes the harness's versioned JSON files (indented, snake_case, written atomically).</summary>
public static class JsonFiles
{
    private static readonly JsonSerializerOptions Indented = new(CanonicalJson.Options) { WriteIndented = true };

    /// <summary>Serializes <paramref name="value"/> as indented JSON and writes it atomically to <paramref name="path"/>.</summary>
    public static void Write<T>(string path, T value) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Indented) + "\n");

    /// <summary>Serializes <paramref name="value"/> as indented JSON text.</summary>
    public static string ToText<T>(T value) => JsonSerializer.Serialize(value, Indented);

    /// <summary>Reads <paramref name="path"/>, checks its <c>schema</c> field equals <paramref name="schema"/>, and deserializes it.</summary>
    /// <exception cref="RecordFormatException">Unreadable, not JSON, wrong schema or missing required fields; the message names the file.</exception>
    public static T Read<T>(string path, string schema) where T : class
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordFormatException(path, "cannot read: " + e.Message, e);
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new RecordFormatException(path, $"corrupt JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
        var found = (node as JsonObject)?["schema"]?.GetValueKind() == JsonValueKind.String ? (string?)node!["schema"] : null;
        if (found is null) throw new RecordFormatException(path, $"no \"schema\" field; expected \"{schema}\"");
        if (found != schema)
            throw new RecordFormatException(path, $"schema \"{found}\" is not supported; this heprune reads \"{schema}\" (regenerate the file or use a matching heprune version)");
        try
        {
            return node.Deserialize<T>(CanonicalJson.Options)
                ?? throw new RecordFormatException(path, "empty document");
        }
        catch (JsonException e)
        {
            throw new RecordFormatException(path, $"does not match schema \"{schema}\": {e.Message}", e);
        }
    }
}
