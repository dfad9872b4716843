namespace HEPrune.Ckks.Scheme;

/// <summary>The public evaluation keys an <see cref="Evaluator"/> may use: relinearization key and Galois keys (either may be absent).</summary>
public sealed record EvaluationKeys(RelinearizationKey? Relinearization, GaloisKeys? Galois);
