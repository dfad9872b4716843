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
/// <para>Batches come from <see cref="PrunedBatchSource"/> (row extent as Count, gradient divisor as Live).</para>
/// </remarks>
public sealed class PruningHook : ITrainingHook
{
    private readonly PrunedBatchSource _source;

    /// <summary>Creates the hook.</summary>
    /// <param name="method">The pruning method.</param>
    /// <param name="codec">Codec of the backend (wire sizes).</param>
    /// <param name="client">Client endpoint for client-aided methods, or null for methods that never contact the client.</param>
    public PruningHook(PruningMethod method, ICiphertextCodec codec, CamClient? client = null)
        => _source = new PrunedBatchSource(method, codec, client, nameof(PruningHook));

    /// <summary>The method (its <see cref="PruningMethod.Records"/> hold the per-round measurements).</summary>
    public PruningMethod Method => _source.Method;

    /// <summary>Bytes per pruning message type so far.</summary>
    public PruningMessageLog Log => _source.Log;

    /// <inheritdoc />
    public IReadOnlyList<EncryptedBatch> BeforeEpoch(HetalSession session, int epoch, IReadOnlyList<EncryptedBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _source.Next(epoch, batches, session.Server.Evaluator, SampleRowLayout.FromBlock(session.Layout), session.Layout.Classes,
            session.Channel, batch => session.ForwardAll([batch])[0]);
    }
}
