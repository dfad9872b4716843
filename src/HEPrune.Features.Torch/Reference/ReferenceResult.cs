namespace HEPrune.Features.Torch.Reference;

/// <summary>What happened in one epoch of a reference run.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Kept">Training samples used in this epoch.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's batches.</param>
/// <param name="TestAccuracy">Accuracy on the test set after the epoch.</param>
/// <param name="ValLoss">Mean cross-entropy on the validation set after the epoch (NaN without one).</param>
/// <param name="Reselected">Whether the subset was (re)selected at the start of this epoch.</param>
public readonly record struct EpochRecord(int Epoch, int Kept, double TrainLoss, double TestAccuracy, double ValLoss, bool Reselected);

/// <summary>Outcome of a reference run.</summary>
/// <param name="BestTestAccuracy">Best test accuracy over epochs (HEPrune's reported number, <c>best_prec1</c>).</param>
/// <param name="BestEpoch">Epoch of the best test accuracy.</param>
/// <param name="TestAccuracyAtBestVal">Test accuracy at the epoch of minimum validation loss (HETAL's early-stopping model); NaN without validation data.</param>
/// <param name="Epochs">Per-epoch records (fewer than requested if early stopping ended the run).</param>
/// <param name="Weights">Final weights, classes × dim, row-major.</param>
/// <param name="Bias">Final bias, one per class.</param>
public sealed record ReferenceResult(
    double BestTestAccuracy, int BestEpoch, double TestAccuracyAtBestVal, IReadOnlyList<EpochRecord> Epochs, float[] Weights, float[] Bias);
