using HEPrune.Core.He;
using HEPrune.Core.Protocol;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// The server's side of the client-aided masking round trip: serializes the compacted score ciphertexts, hands the
/// bytes to the client, and decodes the plaintext mask it returns, logging both messages' sizes.
/// </summary>
/// <remarks>
/// With a protocol <see cref="Channel"/> the messages go through it as <see cref="ScoresMessage"/> and
/// <see cref="MaskMessage"/> (counted by the channel); without one the exchange serializes them itself. Either way
/// the server side never touches the secret key, and <see cref="Log"/> counts "scores" (CKKS wire size) and "mask"
/// (4 + ⌈N/8⌉ bytes).
/// </remarks>
public sealed class CamExchange
{
    /// <summary>Channel message type of the score ciphertexts (server → client).</summary>
    public const string ScoresMessage = "prune-scores";

    /// <summary>Channel message type of the keep-mask (client → server).</summary>
    public const string MaskMessage = "prune-mask";

    private readonly CamClient _client;
    private readonly ICiphertextCodec _codec;
    private readonly Channel? _channel;

    /// <summary>Creates the exchange.</summary>
    /// <param name="client">Client endpoint.</param>
    /// <param name="codec">Codec used for the wire size (and the serialization when there is no channel).</param>
    /// <param name="log">Byte log to add to, or null for a new one.</param>
    /// <param name="channel">Protocol channel to route the messages through, or null.</param>
    public CamExchange(CamClient client, ICiphertextCodec codec, PruningMessageLog? log = null, Channel? channel = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(codec);
        _client = client;
        _codec = codec;
        _channel = channel;
        Log = log ?? new PruningMessageLog();
    }

    /// <summary>Bytes and messages per type so far.</summary>
    public PruningMessageLog Log { get; }

    /// <summary>The client endpoint (its last selection time is part of the selection component).</summary>
    public CamClient Client => _client;

    /// <summary>Sends the scores and returns the client's keep-mask over all samples.</summary>
    public bool[] RequestMask(IReadOnlyList<HeCiphertext> compactScores, SampleRowLayout layout, IReadOnlyList<int> samplesPerBlock, double keep, double window)
    {
        ArgumentNullException.ThrowIfNull(compactScores);
        if (_channel is not null)
        {
            long bytes = 0;
            foreach (var ct in compactScores) bytes += _codec.WireBytes(ct);
            var received = _channel.Send(ScoresMessage, compactScores);
            Log.Record("scores", bytes);
            var reply = _client.Respond(received, layout, samplesPerBlock, keep, window);
            var delivered = _channel.SendControl(MaskMessage, reply);
            Log.Record("mask", delivered.Length);
            return MaskCodec.Decode(delivered);
        }
        var messages = new List<byte[]>(compactScores.Count);
        foreach (var ct in compactScores)
        {
            messages.Add(_codec.Serialize(ct));
            Log.Record("scores", _codec.WireBytes(ct));
        }
        var answer = _client.Respond(messages, layout, samplesPerBlock, keep, window);
        Log.Record("mask", answer.Length);
        return MaskCodec.Decode(answer);
    }
}
