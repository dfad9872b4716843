namespace HEPrune.Core.Pruning.Cwp;

/// <summary>
/// How one output batch group of ciphertext-wise pruning is assembled: a base input group (optionally zeroed with a
/// keep mask) plus the transfers added into it.
/// </summary>
/// <param name="BaseGroup">Input group whose ciphertexts form the base of this output.</param>
/// <param name="ZeroMaskRows">
/// Rows of the base kept when the base is zeroed (every other row is multiplied by 0), or null when the base is used
/// as is (it holds no pruned sample).
/// </param>
/// <param name="Transfers">Transfers added into the base, in plan order.</param>
/// <param name="RowSources">For each output row, the original sample as (group, row), or (−1, −1) for an empty row.</param>
public sealed record CwpOutputGroup(int BaseGroup, int[]? ZeroMaskRows, IReadOnlyList<CwpTransfer> Transfers, (int Group, int Row)[] RowSources)
{
    /// <summary>Number of output rows that hold a sample.</summary>
    public int SampleCount
    {
        get
        {
            int n = 0;
            foreach (var (g, _) in RowSources) if (g >= 0) n++;
            return n;
        }
    }
}
