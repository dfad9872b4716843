using System.Diagnostics;
using HEPrune.Core.He;
using HEPrune.Core.Pruning.Compaction;
using HEPrune.Core.Pruning.Selection;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// The client side of client-aided masking: decrypts the compacted score ciphertexts, selects the samples to keep
/// with QuickSelect (<see cref="ClientSelection"/>) and answers with the bit-packed plaintext keep-mask.
/// </summary>
public sealed class CamClient
{
    private readonly IHeClient _client;
    private readonly ICiphertextCodec _codec;

    /// <summary>Creates the client side over the party that holds the secret key.</summary>
    /// <param name="client">The key holder.</param>
    /// <param name="codec">Codec to read serialized score messages (needed only by the byte-array overload).</param>
    public CamClient(IHeClient client, ICiphertextCodec codec)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(codec);
        _client = client;
        _codec = codec;
    }

    /// <summary>Result of the last selection (for records and tests).</summary>
    public SelectionResult? LastSelection { get; private set; }

    /// <summary>Wall time of the last answer (deserialize, decrypt, unpack, QuickSelect, encode).</summary>
    public TimeSpan LastElapsed { get; private set; }

    /// <summary>Answers a score message with the encoded keep-mask over all N samples.</summary>
    /// <param name="scoreMessages">Serialized compacted score ciphertexts.</param>
    /// <param name="layout">Block layout (public metadata sent with the scores).</param>
    /// <param name="samplesPerBlock">Real samples per block (public metadata).</param>
    /// <param name="keep">Kept fraction.</param>
    /// <param name="window">Noise-window fraction.</param>
    public byte[] Respond(IReadOnlyList<byte[]> scoreMessages, SampleRowLayout layout, IReadOnlyList<int> samplesPerBlock, double keep, double window)
    {
        ArgumentNullException.ThrowIfNull(scoreMessages);
        var sw = Stopwatch.StartNew();
        var received = new List<HeCiphertext>(scoreMessages.Count);
        foreach (var m in scoreMessages) received.Add(_codec.Deserialize(m));
        return Answer(received, layout, samplesPerBlock, keep, window, sw);
    }

    /// <summary>Answers score ciphertexts already received over a channel with the encoded keep-mask.</summary>
    public byte[] Respond(IReadOnlyList<HeCiphertext> received, SampleRowLayout layout, IReadOnlyList<int> samplesPerBlock, double keep, double window)
    {
        ArgumentNullException.ThrowIfNull(received);
        return Answer(received, layout, samplesPerBlock, keep, window, Stopwatch.StartNew());
    }

    private byte[] Answer(IReadOnlyList<HeCiphertext> received, SampleRowLayout layout, IReadOnlyList<int> samplesPerBlock, double keep, double window, Stopwatch sw)
    {
        var decrypted = new List<double[]>(received.Count);
        foreach (var ct in received) decrypted.Add(_client.Decrypt(ct).Real);
        var scores = new ScoreCompactor(layout).Unpack(decrypted, samplesPerBlock);
        var selection = ClientSelection.Select(scores, keep, window);
        var answer = MaskCodec.Encode(selection.Mask);
        LastSelection = selection;
        LastElapsed = sw.Elapsed;
        return answer;
    }
}
