namespace HEPrune.Core.Pruning.Cwp;

/// <summary>
/// Plans ciphertext-wise pruning (HEPrune §3.3, App. D; spec §3.5) from plaintext keep-masks: the deque algorithm that
/// fills the densest non-full ciphertext with samples taken from the sparsest one, with the zeroing fix of
/// spec-validation §4 and the optional same-row and merging optimisations.
/// </summary>
/// <remarks>
/// <para>Ciphertexts are sorted by kept count (descending, ties by group index). Full groups are output unchanged,
/// empty ones dropped. While two or more groups remain, one sample moves from the back (sparsest) to the front
/// (densest): the first kept row u of the back goes to the first free row e of the front with a left rotation by
/// k = u − e rows. A full front is emitted; an empty back is dropped; the last remaining group is emitted partial.</para>
/// <para>Fix: each output that still holds pruned rows is multiplied once by its keep mask (its kept rows, minus any
/// rows it gave away) so that moved samples land in zeroed rows and no pruned sample survives. The input ciphertexts
/// are never modified: the server keeps the full encrypted data set for the next re-scoring.</para>
/// </remarks>
public static class CwpPlanner
{
    /// <summary>Plans the pruning of groups whose keep-masks are given (one bool per sample row, B rows each).</summary>
    /// <param name="keepMasks">Per input group, the keep-mask of its B rows (true = kept sample).</param>
    /// <param name="options">Planning options; null means <see cref="CwpOptions.Paper"/>.</param>
    /// <param name="occupiedRows">
    /// Optional number of rows of each group that hold real samples (the rest are zero padding, e.g. the last batch);
    /// a group whose only unkept rows are padding needs no zeroing. Null means every row is occupied.
    /// </param>
    /// <exception cref="ArgumentException">The masks are empty, have different lengths, or occupiedRows is inconsistent.</exception>
    public static CwpPlan Plan(IReadOnlyList<bool[]> keepMasks, CwpOptions? options = null, IReadOnlyList<int>? occupiedRows = null)
    {
        ArgumentNullException.ThrowIfNull(keepMasks);
        options ??= CwpOptions.Paper;
        if (keepMasks.Count == 0)
            throw new ArgumentException("CwpPlanner.Plan: no batch groups given.", nameof(keepMasks));
        int b = keepMasks[0]?.Length ?? 0;
        if (b == 0)
            throw new ArgumentException("CwpPlanner.Plan: the keep-mask of group 0 is empty.", nameof(keepMasks));
        if (occupiedRows is not null && occupiedRows.Count != keepMasks.Count)
            throw new ArgumentException($"CwpPlanner.Plan: occupiedRows has {occupiedRows.Count} entries for {keepMasks.Count} groups.", nameof(occupiedRows));

        int g = keepMasks.Count;
        var mask = new bool[g][];
        var count = new int[g];
        int kept = 0;
        for (int i = 0; i < g; i++)
        {
            var m = keepMasks[i] ?? throw new ArgumentException($"CwpPlanner.Plan: keep-mask of group {i} is null.", nameof(keepMasks));
            if (m.Length != b)
                throw new ArgumentException($"CwpPlanner.Plan: keep-mask of group {i} has {m.Length} rows, expected {b}.", nameof(keepMasks));
            int occ = occupiedRows?[i] ?? b;
            if (occ < 0 || occ > b)
                throw new ArgumentException($"CwpPlanner.Plan: occupiedRows[{i}] = {occ} is outside [0, {b}].", nameof(occupiedRows));
            mask[i] = (bool[])m.Clone();
            for (int r = 0; r < b; r++)
            {
                if (!m[r]) continue;
                if (r >= occ)
                    throw new ArgumentException($"CwpPlanner.Plan: group {i} keeps row {r}, which is padding (occupied rows {occ}).", nameof(keepMasks));
                count[i]++;
            }
            kept += count[i];
        }

        var builders = new Builder?[g];
        var outputs = new List<CwpOutputGroup>();
        var deque = new List<int>();
        for (int i = 0; i < g; i++)
        {
            if (count[i] == b) outputs.Add(new Builder(i, mask[i], null).Build(options));
            else if (count[i] > 0) deque.Add(i);
        }
        // Densest first; ties by group index (List.Sort is unstable, so compare indices explicitly).
        deque.Sort((x, y) => count[x] != count[y] ? count[y].CompareTo(count[x]) : x.CompareTo(y));

        int head = 0, tail = deque.Count - 1;
        while (head <= tail)
        {
            int f = deque[head];
            if (head == tail)
            {
                builders[f] ??= new Builder(f, mask[f], NeedsZeroing(mask[f], occupiedRows?[f] ?? b) ? CurrentRows(mask[f]) : null);
                outputs.Add(builders[f]!.Build(options));
                break;
            }
            int k = deque[tail];
            var front = builders[f] ??= new Builder(f, mask[f], NeedsZeroing(mask[f], occupiedRows?[f] ?? b) ? CurrentRows(mask[f]) : null);
            bool moved = false;
            if (options.SameRow)
            {
                var rows = new List<int>();
                for (int r = 0; r < b; r++)
                    if (mask[k][r] && !mask[f][r]) rows.Add(r);
                if (rows.Count > 0)
                {
                    front.Add(k, 0, rows.ToArray());
                    foreach (int r in rows) { mask[f][r] = true; mask[k][r] = false; }
                    count[f] += rows.Count;
                    count[k] -= rows.Count;
                    moved = true;
                }
            }
            if (!moved)
            {
                int e = Array.IndexOf(mask[f], false);
                int u = Array.IndexOf(mask[k], true);
                front.Add(k, u - e, [u]);
                mask[f][e] = true;
                mask[k][u] = false;
                count[f]++;
                count[k]--;
            }
            if (count[f] == b)
            {
                outputs.Add(front.Build(options));
                head++;
            }
            if (count[k] == 0) tail--;
        }
        return new CwpPlan(b, g, kept, options, outputs);
    }

    private static bool NeedsZeroing(bool[] m, int occupied)
    {
        for (int r = 0; r < occupied; r++) if (!m[r]) return true;
        return false;
    }

    private static int[] CurrentRows(bool[] m)
    {
        var rows = new List<int>();
        for (int r = 0; r < m.Length; r++) if (m[r]) rows.Add(r);
        return rows.ToArray();
    }

    /// <summary>Accumulates one output group while the deque algorithm runs.</summary>
    private sealed class Builder
    {
        private readonly int _base;
        private readonly int[]? _zeroRows;
        private readonly List<CwpTransfer> _transfers = [];
        private readonly (int, int)[] _sources;

        public Builder(int baseGroup, bool[] currentMask, int[]? zeroRows)
        {
            _base = baseGroup;
            _zeroRows = zeroRows;
            _sources = new (int, int)[currentMask.Length];
            for (int r = 0; r < currentMask.Length; r++) _sources[r] = currentMask[r] ? (baseGroup, r) : (-1, -1);
        }

        public void Add(int source, int shift, int[] rows)
        {
            _transfers.Add(new CwpTransfer(source, shift, rows));
            foreach (int r in rows) _sources[r - shift] = (source, r);
        }

        public CwpOutputGroup Build(CwpOptions options)
        {
            IReadOnlyList<CwpTransfer> transfers = options.MergeSameShift ? Merge(_transfers) : _transfers.ToArray();
            return new CwpOutputGroup(_base, _zeroRows, transfers, _sources);
        }

        private static CwpTransfer[] Merge(List<CwpTransfer> list)
        {
            var order = new List<(int Source, int Shift)>();
            var rows = new Dictionary<(int, int), List<int>>();
            foreach (var t in list)
            {
                var key = (t.SourceGroup, t.Shift);
                if (!rows.TryGetValue(key, out var l))
                {
                    rows[key] = l = [];
                    order.Add(key);
                }
                l.AddRange(t.SourceRows);
            }
            var result = new CwpTransfer[order.Count];
            for (int i = 0; i < order.Count; i++)
            {
                var l = rows[order[i]];
                l.Sort();
                result[i] = new CwpTransfer(order[i].Source, order[i].Shift, l.ToArray());
            }
            return result;
        }
    }
}
