using HEPrune.Core.He;
using HEPrune.Core.Protocol;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Methods;

namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// Connects a <see cref="PruningMethod"/> (HEFS, client-aided masking, ciphertext-wise pruning, …) to the MLP trainer
/// exactly as <see cref="PruningHook"/> does for HETAL: the first epoch's batch list is kept as the full encrypted data
/// set, re-scoring runs the MLP's encrypted forward pass on every original batch, CAM messages cross the run's channel.
/// </summary>
public sealed class MlpPruning
{
    private readonly PruningMethod _method;
    private readonly CamClient? _client;
    private readonly ICiphertextCodec _codec;
    private EncryptedDataset? _data;
    private Dictionary<HeCiphertext, EncryptedBatch>? _byFirst;
    private CamExchange? _exchange;
    private PrunedData? _last;
    private IReadOnlyList<EncryptedBatch>? _lastBatches;

    /// <summary>Creates the adapter.</summary>
    /// <param name="method">The pruning method.</param>
    /// <param name="codec">The backend's codec (wire sizes).</param>
    /// <param name="client">Client endpoint for client-aided methods (null for methods that never contact the client).</param>
    public MlpPruning(PruningMethod method, ICiphertextCodec codec, CamClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(codec);
        _method = method;
        _codec = codec;
        _client = client;
    }

    /// <summary>The method (its records hold the per-round measurements).</summary>
    public PruningMethod Method => _method;

    /// <summary>Samples each batch of the last returned list holds (the n of its −η/n; rows inside it may be empty).</summary>
    public IReadOnlyList<int> SamplesPerBatch { get; private set; } = [];

    /// <summary>Bytes per pruning message type so far.</summary>
    public PruningMessageLog Log { get; } = new();

    /// <summary>Returns the batches to train on in <paramref name="epoch"/>.</summary>
    public IReadOnlyList<EncryptedBatch> BeforeEpoch(int epoch, IReadOnlyList<EncryptedBatch> batches, MlpCircuit circuit, EncryptedMlp model, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(channel);
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
            _data = new EncryptedDataset(groups, counts, SampleRowLayout.FromBlock(circuit.DataLayout), groups[0].Length - 1);
            if (_client is not null) _exchange = new CamExchange(_client, _codec, Log, channel);
        }
        var context = new PruningContext(circuit.Evaluator, _data, circuit.Shape.Classes, new Forward(circuit, model, _byFirst!), _exchange);
        var result = _method.OnEpoch(epoch, context);
        if (ReferenceEquals(result, _last)) return _lastBatches!;
        var list = new List<EncryptedBatch>(result.Groups.Count);
        for (int g = 0; g < result.Groups.Count; g++)
        {
            var cts = result.Groups[g];
            list.Add(new EncryptedBatch(cts[..^1], cts[^1], result.RowExtents[g]));
        }
        _last = result;
        _lastBatches = list;
        SamplesPerBatch = result.GradientDivisors ?? result.SamplesPerGroup; // original batch size for groups masked in place (docs/pruning.md)
        return list;
    }

    /// <summary>The MLP's encrypted forward pass on one original batch group, with the current model.</summary>
    private sealed class Forward(MlpCircuit circuit, EncryptedMlp model, Dictionary<HeCiphertext, EncryptedBatch> byFirst) : IForwardPass
    {
        public HeCiphertext Probabilities(IReadOnlyList<HeCiphertext> group)
        {
            if (!byFirst.TryGetValue(group[0], out var batch))
                throw new ArgumentException("MlpPruning: the group is not one of the original encrypted batches.", nameof(group));
            return circuit.Forward(batch, model).P;
        }
    }
}
