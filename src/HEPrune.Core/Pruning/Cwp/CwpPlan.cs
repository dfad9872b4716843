namespace HEPrune.Core.Pruning.Cwp;

/// <summary>
/// A ciphertext-wise pruning plan computed by the server from plaintext keep-masks alone: which input groups become
/// outputs, which are zeroed, and which sample rows move where.
/// </summary>
public sealed class CwpPlan
{
    /// <summary>Creates a plan; used by <see cref="CwpPlanner"/>.</summary>
    internal CwpPlan(int rowsPerGroup, int inputGroups, int keptSamples, CwpOptions options, IReadOnlyList<CwpOutputGroup> outputs)
    {
        RowsPerGroup = rowsPerGroup;
        InputGroups = inputGroups;
        KeptSamples = keptSamples;
        Options = options;
        Outputs = outputs;
    }

    /// <summary>Sample rows per ciphertext (B).</summary>
    public int RowsPerGroup { get; }

    /// <summary>Number of input batch groups the plan was made for.</summary>
    public int InputGroups { get; }

    /// <summary>Total number of kept samples over all groups.</summary>
    public int KeptSamples { get; }

    /// <summary>The options the plan was made with.</summary>
    public CwpOptions Options { get; }

    /// <summary>Output groups in emission order; there are ⌈kept/B⌉ of them.</summary>
    public IReadOnlyList<CwpOutputGroup> Outputs { get; }

    /// <summary>Returns the operation counts for executing this plan when each batch group has <paramref name="ciphertextsPerGroup"/> ciphertexts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ciphertext count is below 1.</exception>
    public CwpCost Cost(int ciphertextsPerGroup)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ciphertextsPerGroup, 1);
        int moves = 0, movesShift = 0, transfers = 0, transfersShift = 0, zeroed = 0;
        var rotations = new HashSet<(int, int)>();
        foreach (var o in Outputs)
        {
            if (o.ZeroMaskRows is not null) zeroed++;
            foreach (var t in o.Transfers)
            {
                transfers++;
                moves += t.SourceRows.Length;
                if (t.Shift != 0)
                {
                    transfersShift++;
                    movesShift += t.SourceRows.Length;
                    rotations.Add((t.SourceGroup, t.Shift));
                }
            }
        }
        long c = ciphertextsPerGroup;
        long rot = Options.ShareRotations ? rotations.Count : transfersShift;
        return new CwpCost(c * rot, c * (transfers + zeroed), c * transfers, moves, movesShift, transfers, zeroed, Outputs.Count);
    }

    /// <summary>Returns the distinct rotation amounts in sample rows (positive = left) the plan needs keys for.</summary>
    public SortedSet<int> RotationShifts()
    {
        var s = new SortedSet<int>();
        foreach (var o in Outputs)
            foreach (var t in o.Transfers)
                if (t.Shift != 0) s.Add(t.Shift);
        return s;
    }
}
