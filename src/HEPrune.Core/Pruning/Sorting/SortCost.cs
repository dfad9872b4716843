namespace HEPrune.Core.Pruning.Sorting;

/// <summary>Operation counts of a homomorphic bitonic sort (computed analytically or measured).</summary>
/// <param name="Stages">Compare-exchange stages, m(m+1)/2 for n = 2^m elements.</param>
/// <param name="Comparisons">Compare-exchange pairs, n/2 per stage (what a scalar network would do one by one).</param>
/// <param name="MinMax">Homomorphic min/max evaluations (each on a whole ciphertext of slot-wise pairs).</param>
/// <param name="Mult">Ciphertext multiplications.</param>
/// <param name="CMult">Plaintext-mask multiplications.</param>
/// <param name="Const">Non-integer constant multiplications.</param>
/// <param name="Rot">Rotations.</param>
/// <param name="Refresh">Refreshes (bootstraps), one per ciphertext whenever a stage lacks levels.</param>
/// <param name="OutputLevel">Level of the sorted ciphertexts.</param>
public readonly record struct SortCost(int Stages, long Comparisons, long MinMax, long Mult, long CMult, long Const, long Rot, long Refresh, int OutputLevel);
