namespace HEPrune.Core.Pruning.Methods;

/// <summary>Counts pruning messages and their bytes per message type (e.g. "scores", "mask").</summary>
/// <remarks>
/// Ciphertext messages are counted at their CKKS wire size (<c>ICiphertextCodec.WireBytes</c>: 2·N·8·(level+1) plus
/// a header), whatever the backend's in-memory form; plaintext messages at their encoded length.
/// </remarks>
public sealed class PruningMessageLog
{
    private readonly Dictionary<string, long> _bytes = new();
    private readonly Dictionary<string, int> _messages = new();

    /// <summary>Bytes per message type.</summary>
    public IReadOnlyDictionary<string, long> Bytes => _bytes;

    /// <summary>Messages per type.</summary>
    public IReadOnlyDictionary<string, int> Messages => _messages;

    /// <summary>Records one message of <paramref name="bytes"/> bytes.</summary>
    public void Record(string type, long bytes)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _bytes[type] = _bytes.GetValueOrDefault(type) + bytes;
        _messages[type] = _messages.GetValueOrDefault(type) + 1;
    }

    /// <summary>Returns a copy of the byte counts.</summary>
    public Dictionary<string, long> Snapshot() => new(_bytes);
}
