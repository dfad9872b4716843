using HEPrune.Core.He;
using HEPrune.Core.Protocol;
using HEPrune.Core.Training;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// Connects a <see cref="PruningMethod"/> to the HETAL trainer as its <see cref="ITrainingHook"/>: before each epoch
/// it lets the method re-select from the full encrypted training set and hands the trainer the resulting batches.
/// </summary>
/// <remarks>
/// <para>The batch list the trainer passes on its first call is kept as the full data set D̄ (never modified).
/// Re-scoring uses <see cref="HetalSession.ForwardAll"/> with the current model; client-aided masking goes over the
/// session's <see cref="Channel"/> (message types <see cref="CamExchange.ScoresMessage"/> and
/// <see cref="CamExchange.MaskMessage"/>).</para>
/// <para>The protocol's <see cref="Client"/> does not offer decryption of pruning scores, so the client endpoint
/// (<see cref="CamClient"/>) is built by the caller from the backend's <see cref="IHeClient"/>, on the client's side.</para>
/// <para>Each returned batch's <see cref="EncryptedBatch.Count"/> is the row extent (one past the last row that may
/// hold a kept sample), because the trainer's error mask keeps rows r &lt; Count; pruned rows inside the extent are
/// zero in X and Y and add nothing to the gradient, but they do count in the trainer's 1/Count scale.</para>
/// </remarks>
public sealed class PruningHook : ITrainingHook
{
    private readonly PruningMethod _method;
    private readonly CamClient? _client;
    private readonly ICiphertextCodec _codec;
    private EncryptedDataset? _data;
    private Dictionary<HeCiphertext, EncryptedBatch>? _byFirst;
    private CamExchange? _exchange;
    private PrunedData? _last;
    private IReadOnlyList<EncryptedBatch>? _lastBatches;

    /// <summary>Creates the hook.</summary>
    /// <param name="method">The pruning method.</param>
    /// <param name="codec">Codec of the backend (wire sizes).</param>
    /// <param name="client">Client endpoint for client-aided methods, or null for methods that never contact the client.</param>
    public PruningHook(PruningMethod method, ICiphertextCodec codec, CamClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(codec);
        _method = method;
        _codec = codec;
        _client = client;
    }

    /// <summary>The method (its <see cref="PruningMethod.Records"/> hold the per-round measurements).</summary>
    public PruningMethod Method => _method;

    /// <summary>Bytes per pruning message type so far.</summary>
    public PruningMessageLog Log { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<EncryptedBatch> BeforeEpoch(HetalSession session, int epoch, IReadOnlyList<EncryptedBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(batches);
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
            _data = new EncryptedDataset(groups, counts, SampleRowLayout.FromBlock(session.Layout), groups[0].Length - 1);
            if (_client is not null) _exchange = new CamExchange(_client, _codec, Log, session.Channel);
        }
        var context = new PruningContext(session.Server.Evaluator, _data, session.Layout.Classes, new SessionForward(session, _byFirst!), _exchange);
        var result = _method.OnEpoch(epoch, context);
        if (ReferenceEquals(result, _last)) return _lastBatches!;
        var list = new List<EncryptedBatch>(result.Groups.Count);
        for (int g = 0; g < result.Groups.Count; g++)
        {
            // A group whose samples were all pruned (in-place masking) has no gradient: the server knows the plaintext
            // mask, so it leaves the group out of the epoch instead of training on zeros.
            if (result.SamplesPerGroup[g] == 0) continue;
            var cts = result.Groups[g];
            list.Add(new EncryptedBatch(cts[..^1], cts[^1], result.RowExtents[g]) { Live = (result.GradientDivisors ?? result.SamplesPerGroup)[g] });
        }
        _last = result;
        _lastBatches = list;
        return list;
    }

    /// <summary>Forward pass of one original batch group through the session's current model.</summary>
    private sealed class SessionForward(HetalSession session, Dictionary<HeCiphertext, EncryptedBatch> byFirst) : IForwardPass
    {
        public HeCiphertext Probabilities(IReadOnlyList<HeCiphertext> group)
        {
            if (!byFirst.TryGetValue(group[0], out var batch))
                throw new ArgumentException("PruningHook: the group is not one of the original encrypted batches.", nameof(group));
            return session.ForwardAll([batch])[0];
        }
    }
}
