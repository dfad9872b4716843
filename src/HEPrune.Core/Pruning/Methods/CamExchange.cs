using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// The server's side of the client-aided masking round trip: serializes the compacted score ciphertexts, hands the
/// bytes to the client, and decodes the plaintext mask it returns, logging both messages' sizes.
/// </summary>
/// <remarks>
/// Stand-in for the protocol layer's Channel until it exists: only bytes cross between the parties, and the server
/// side never touches the secret key. Message types: "scores" (CKKS wire size) and "mask" (4 + ⌈N/8⌉ bytes).
/// </remarks>
public sealed class CamExchange
{
    private readonly CamClient _client;
    private readonly ICiphertextCodec _codec;

    /// <summary>Creates the exchange.</summary>
    public CamExchange(CamClient client, ICiphertextCodec codec, PruningMessageLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(codec);
        _client = client;
        _codec = codec;
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
