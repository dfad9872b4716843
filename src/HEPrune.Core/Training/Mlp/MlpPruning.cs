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
    private readonly PrunedBatchSource _source;

    /// <summary>Creates the adapter.</summary>
    /// <param name="method">The pruning method.</param>
    /// <param name="codec">The backend's codec (wire sizes).</param>
    /// <param name="client">Client endpoint for client-aided methods (null for methods that never contact the client).</param>
    public MlpPruning(PruningMethod method, ICiphertextCodec codec, CamClient? client = null)
        => _source = new PrunedBatchSource(method, codec, client, nameof(MlpPruning));

    /// <summary>The method (its records hold the per-round measurements).</summary>
    public PruningMethod Method => _source.Method;

    /// <summary>Samples each batch of the last returned list is averaged over (the n of its −η/n; rows inside it may be empty).</summary>
    public IReadOnlyList<int> SamplesPerBatch { get; private set; } = [];

    /// <summary>Bytes per pruning message type so far.</summary>
    public PruningMessageLog Log => _source.Log;

    /// <summary>Returns the batches to train on in <paramref name="epoch"/>.</summary>
    public IReadOnlyList<EncryptedBatch> BeforeEpoch(int epoch, IReadOnlyList<EncryptedBatch> batches, MlpCircuit circuit, EncryptedMlp model, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(model);
        return BeforeEpoch(epoch, batches, circuit, batch => circuit.Forward(batch, model).P, channel);
    }

    /// <summary>Returns the batches to train on in <paramref name="epoch"/>, scoring with <paramref name="probabilities"/> (P of one original batch).</summary>
    public IReadOnlyList<EncryptedBatch> BeforeEpoch(int epoch, IReadOnlyList<EncryptedBatch> batches, MlpCircuit circuit,
        Func<EncryptedBatch, HeCiphertext> probabilities, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(channel);
        var list = _source.Next(epoch, batches, circuit.Evaluator, SampleRowLayout.FromBlock(circuit.DataLayout), circuit.Shape.Classes,
            channel, probabilities);
        SamplesPerBatch = list.Select(b => b.Live).ToList();
        return list;
    }
}
