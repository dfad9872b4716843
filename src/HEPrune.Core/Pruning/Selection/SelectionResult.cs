namespace HEPrune.Core.Pruning.Selection;

/// <summary>
/// The outcome of a client-side selection: a plaintext keep-mask over all samples plus the figures that describe it.
/// </summary>
/// <param name="Mask">Keep-mask indexed by sample id; true = the sample stays in the training set.</param>
/// <param name="KeptCount">Number of true entries in <paramref name="Mask"/> (always exactly ⌈N·keep⌉).</param>
/// <param name="Skipped">Number of top-ranked samples skipped by the noise window.</param>
/// <param name="LowestKeptScore">Score of the lowest-ranked kept sample (the threshold H_t), NaN when nothing is kept.</param>
/// <param name="HighestKeptScore">Score of the highest-ranked kept sample, NaN when nothing is kept.</param>
public sealed record SelectionResult(bool[] Mask, int KeptCount, int Skipped, double LowestKeptScore, double HighestKeptScore);
