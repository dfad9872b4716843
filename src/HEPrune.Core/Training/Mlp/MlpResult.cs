namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// What one encrypted MLP training produced: the run summary in HETAL's result shape (accuracy and validation loss per
/// epoch, ciphertexts per epoch, operation counts, refresh points, bytes, seconds) and the decrypted final weights.
/// </summary>
/// <param name="Summary">Accuracy, counts, bytes and times (its <see cref="HetalResult.FinalWeights"/> stays empty).</param>
/// <param name="FinalWeights">The decrypted weights of every layer, Out(l) × (In(l) + 1), bias last.</param>
public sealed record MlpResult(HetalResult Summary, IReadOnlyList<double[,]> FinalWeights);
