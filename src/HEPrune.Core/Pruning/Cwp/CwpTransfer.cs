namespace HEPrune.Core.Pruning.Cwp;

/// <summary>
/// One masked transfer of sample rows from a source batch group into an output group: out ⊞ Rot(src ⊠ mask(rows), shift),
/// applied identically to every ciphertext of the group.
/// </summary>
/// <param name="SourceGroup">Index of the input batch group the rows are read from.</param>
/// <param name="Shift">Left rotation in sample rows (k = source row − destination row; negative = right rotation; 0 = no rotation).</param>
/// <param name="SourceRows">Source rows moved (ascending); row r lands in row r − Shift of the output.</param>
public sealed record CwpTransfer(int SourceGroup, int Shift, int[] SourceRows);
