namespace HEPrune.Core.Pruning.Cwp;

/// <summary>Operation counts of executing a <see cref="CwpPlan"/> on batch groups of a given number of ciphertexts.</summary>
/// <param name="Rot">Rotations (key switches).</param>
/// <param name="CMult">Plaintext-mask multiplications (zeroing plus one per transfer).</param>
/// <param name="Add">Ciphertext additions (one per transfer).</param>
/// <param name="Moves">Samples relocated (each kept sample of a non-output base counts once).</param>
/// <param name="MovesWithShift">Relocated samples whose shift k is not 0.</param>
/// <param name="Transfers">Masked transfers per ciphertext (equals <paramref name="Moves"/> without merging).</param>
/// <param name="ZeroedGroups">Output groups whose base was zeroed with its keep mask (the fix of spec-validation §4).</param>
/// <param name="OutputGroups">Output groups, ⌈kept/B⌉.</param>
public readonly record struct CwpCost(long Rot, long CMult, long Add, int Moves, int MovesWithShift, int Transfers, int ZeroedGroups, int OutputGroups);
