using System.Diagnostics;
using HEPrune.Core.He;

namespace HEPrune.Core.Protocol;

/// <summary>
/// The wire between client and server: every message is serialized and deserialized (the receiver gets a fresh
/// copy), and its bytes are counted by message type. Ciphertexts count the size a CKKS ciphertext at their level
/// has (<see cref="ICiphertextCodec.WireBytes"/>), whatever the backend's in-memory form.
/// </summary>
public sealed class Channel
{
    private readonly ICiphertextCodec _codec;
    private readonly Dictionary<string, long> _bytes = new();
    private readonly Dictionary<string, long> _messages = new();
    private readonly Dictionary<string, long> _ciphertexts = new();

    /// <summary>Creates a channel over a backend's codec.</summary>
    public Channel(ICiphertextCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        _codec = codec;
    }

    /// <summary>Bytes sent per message type.</summary>
    public IReadOnlyDictionary<string, long> BytesByType => _bytes;

    /// <summary>Messages sent per message type.</summary>
    public IReadOnlyDictionary<string, long> MessagesByType => _messages;

    /// <summary>Ciphertexts sent per message type.</summary>
    public IReadOnlyDictionary<string, long> CiphertextsByType => _ciphertexts;

    /// <summary>Total bytes sent in both directions.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Time spent serializing and deserializing.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Sends ciphertexts as one message; returns the receiver's deserialized copies.</summary>
    public HeCiphertext[] Send(string messageType, IReadOnlyList<HeCiphertext> ciphertexts)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageType);
        ArgumentNullException.ThrowIfNull(ciphertexts);
        long t0 = Stopwatch.GetTimestamp();
        var received = new HeCiphertext[ciphertexts.Count];
        long bytes = 0;
        for (int i = 0; i < received.Length; i++)
        {
            var wire = _codec.Serialize(ciphertexts[i]);
            bytes += _codec.WireBytes(ciphertexts[i]);
            received[i] = _codec.Deserialize(wire);
        }
        Elapsed += Stopwatch.GetElapsedTime(t0);
        Count(messageType, bytes, received.Length);
        return received;
    }

    /// <summary>Sends one ciphertext; returns the receiver's copy.</summary>
    public HeCiphertext Send(string messageType, HeCiphertext ciphertext) => Send(messageType, new[] { ciphertext })[0];

    /// <summary>Sends a small control payload (e.g. a decision) and returns the received bytes.</summary>
    public byte[] SendControl(string messageType, ReadOnlySpan<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageType);
        Count(messageType, payload.Length, 0);
        return payload.ToArray();
    }

    private void Count(string type, long bytes, int ciphertexts)
    {
        _bytes[type] = _bytes.GetValueOrDefault(type) + bytes;
        _messages[type] = _messages.GetValueOrDefault(type) + 1;
        _ciphertexts[type] = _ciphertexts.GetValueOrDefault(type) + ciphertexts;
        TotalBytes += bytes;
    }
}
