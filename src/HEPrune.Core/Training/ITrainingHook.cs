using HEPrune.Core.Protocol;

namespace HEPrune.Core.Training;

/// <summary>
/// Extension point between epochs, used by pruning: it may score the data through
/// <see cref="HetalSession.ForwardAll"/> (encrypted P per batch), talk to the client over the channel, and return
/// the list of encrypted batches the next epoch trains on.
/// </summary>
public interface ITrainingHook
{
    /// <summary>Called before each epoch; returns the batches to train on (return <paramref name="batches"/> to keep them).</summary>
    IReadOnlyList<EncryptedBatch> BeforeEpoch(HetalSession session, int epoch, IReadOnlyList<EncryptedBatch> batches);
}
