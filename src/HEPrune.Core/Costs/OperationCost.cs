namespace HEPrune.Core.Costs;

/// <summary>The measured (or interpolated) wall time of one operation kind at one ciphertext level.</summary>
/// <param name="Kind">Operation kind: an <see cref="He.OpKind"/> name, or one of <see cref="CostKinds.RotHoisted"/>, <see cref="CostKinds.Serialize"/>.</param>
/// <param name="Level">Input ciphertext level.</param>
/// <param name="MedianSeconds">Median wall time of one operation.</param>
/// <param name="SpreadSeconds">Median absolute deviation of the samples (0 for interpolated entries).</param>
/// <param name="Samples">Number of timed repetitions (0 for interpolated entries).</param>
/// <param name="Interpolated">True when the entry was not measured but interpolated linearly in the number of primes.</param>
public sealed record OperationCost(string Kind, int Level, double MedianSeconds, double SpreadSeconds, int Samples, bool Interpolated = false);
