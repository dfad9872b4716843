using HEPrune.Core.He;
using HEPrune.Core.Protocol;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// The trainer-independent half of a pruning adapter (<see cref="PruningHook"/> for HETAL, the MLP's adapter): keeps
/// the first batch list as the full encrypted data set, lets a <see cref="PruningMethod"/> re-select from it each
/// epoch, and turns its <see cref="PrunedData"/> back into training batches.
/// </summary>
/// <remarks>
/// Each returned batch's <see cref="EncryptedBatch.Count"/> is the row extent (one past the last row that may hold a
/// kept sample) and its <see cref="EncryptedBatch.Live"/> the count its gradient is averaged over
/// (<see cref="PrunedData.GradientDivisors"/>, else the kept count). Groups whose samples were all pruned are left out.
/// </remarks>
public sealed class PrunedBatchSource
{
    private readonly PruningMethod _method;
    private readonly CamClient? _client;
    private readonly ICiphertextCodec _codec;
    private readonly string _owner;
    private EncryptedDataset? _data;
    private Dictionary<HeCiphertext, EncryptedBatch>? _byFirst;
    private CamExchange? _exchange;
    private PrunedData? _last;
    private IReadOnlyList<EncryptedBatch>? _lastBatches;

    /// <summary>Creates the source.</summary>
    /// <param name="method">The pruning method.</param>
    /// <param name="codec">Codec of the backend (wire sizes).</param>
    /// <param name="client">Client endpoint for client-aided methods, or null for methods that never contact the client.</param>
    /// <param name="owner">Name used in error messages (the adapter's type).</param>
    public PrunedBatchSource(PruningMethod method, ICiphertextCodec codec, CamClient? client, string owner)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(codec);
        _method = method;
        _codec = codec;
        _client = client;
        _owner = owner;
    }

    /// <summary>The method (its <see cref="PruningMethod.Records"/> hold the per-round measurements).</summary>
    public PruningMethod Method => _method;

    /// <summary>Bytes per pruning message type so far.</summary>
    public PruningMessageLog Log { get; } = new();

    /// <summary>Returns the batches to train on in <paramref name="epoch"/>.</summary>
    /// <param name="epoch">0-based epoch.</param>
    /// <param name="batches">The trainer's batch list (the first call's list becomes the full data set).</param>
    /// <param name="evaluator">The server's evaluator.</param>
    /// <param name="layout">Sample rows of the data ciphertexts.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="channel">The run's channel (CAM messages).</param>
    /// <param name="probabilities">The encrypted forward pass of one original batch with the current model.</param>
    public IReadOnlyList<EncryptedBatch> Next(int epoch, IReadOnlyList<EncryptedBatch> batches, IHeEvaluator evaluator, SampleRowLayout layout,
        int classes, Channel channel, Func<EncryptedBatch, HeCiphertext> probabilities)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (_data is null)
        {
            var groups = new List<HeCiphertext[]>(batches.Count);
            var counts = new List<int>(batches.Count);
            _byFirst = new Dictionary<HeCiphertext, EncryptedBatch>(ReferenceEqualityComparer.Instance);
            foreach (var b in batches)
            {
                var g = new HeCiphertext[b.Features.Count + 1];
                for (int i = 0; i < b.Features.Count; i++) g[i] = b.Features[i];
                g[^1] = b.Labels;
                groups.Add(g);
                counts.Add(b.Count);
                _byFirst[g[0]] = b;
            }
            _data = new EncryptedDataset(groups, counts, layout, groups[0].Length - 1);
            if (_client is not null) _exchange = new CamExchange(_client, _codec, Log, channel);
        }
        var context = new PruningContext(evaluator, _data, classes, new Forward(_byFirst!, probabilities, _owner), _exchange);
        var result = _method.OnEpoch(epoch, context);
        if (ReferenceEquals(result, _last)) return _lastBatches!;
        var list = new List<EncryptedBatch>(result.Groups.Count);
        var divisors = result.GradientDivisors ?? result.SamplesPerGroup;
        for (int g = 0; g < result.Groups.Count; g++)
        {
            // A group whose samples were all pruned (in-place masking) has no gradient: the server knows the plaintext
            // mask, so it leaves the group out of the epoch instead of training on zeros.
            if (result.SamplesPerGroup[g] == 0) continue;
            var cts = result.Groups[g];
            list.Add(new EncryptedBatch(cts[..^1], cts[^1], result.RowExtents[g]) { Live = divisors[g] });
        }
        _last = result;
        _lastBatches = list;
        return list;
    }

    /// <summary>Forward pass of one original batch group through the trainer's current model.</summary>
    private sealed class Forward(Dictionary<HeCiphertext, EncryptedBatch> byFirst, Func<EncryptedBatch, HeCiphertext> probabilities, string owner) : IForwardPass
    {
        public HeCiphertext Probabilities(IReadOnlyList<HeCiphertext> group)
        {
            if (!byFirst.TryGetValue(group[0], out var batch))
                throw new ArgumentException($"{owner}: the group is not one of the original encrypted batches.", nameof(group));
            return probabilities(batch);
        }
    }
}
