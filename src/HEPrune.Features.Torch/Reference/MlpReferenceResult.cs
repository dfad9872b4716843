namespace HEPrune.Features.Torch.Reference;

/// <summary>Outcome of an MLP reference run.</summary>
/// <param name="BestTestAccuracy">Best test accuracy over epochs.</param>
/// <param name="BestEpoch">0-based epoch of the best test accuracy.</param>
/// <param name="TestAccuracyPerEpoch">Test accuracy after every epoch.</param>
/// <param name="Weights">Final weights per layer, Out × (In + 1), bias last.</param>
public sealed record MlpReferenceResult(double BestTestAccuracy, int BestEpoch, IReadOnlyList<double> TestAccuracyPerEpoch, IReadOnlyList<double[,]> Weights);
