using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Cwp;

/// <summary>
/// Executes a <see cref="CwpPlan"/> through the backend-neutral evaluator, applying every zeroing and transfer
/// identically to all ciphertexts of a batch group (e.g. 4 feature blocks and 1 label block).
/// </summary>
/// <remarks>
/// Input ciphertexts are never modified; outputs are new ciphertexts. A transfer is
/// out ⊞ Rot(src ⊠ mask(source rows), k·RowSlots), or with <see cref="CwpOptions.ShareRotations"/>
/// out ⊞ (Rot(src, k·RowSlots) ⊠ mask(destination rows)) where each (source, k) rotation is computed once, with
/// all shifts of one source ciphertext in a single hoisted call. Every output consumes one level (the zeroing and the
/// transfer masks run in parallel).
/// </remarks>
public static class CwpExecutor
{
    /// <summary>Builds the pruned batch groups.</summary>
    /// <param name="evaluator">Server-side evaluator.</param>
    /// <param name="plan">Plan from <see cref="CwpPlanner"/> for these groups.</param>
    /// <param name="groups">Input batch groups; every group has the same number of ciphertexts.</param>
    /// <param name="layout">Sample-row layout of each ciphertext; B must equal the plan's rows per group.</param>
    /// <returns>One array of ciphertexts per output group, in the order of <see cref="CwpPlan.Outputs"/>.</returns>
    /// <exception cref="ArgumentException">The groups do not match the plan or the layout.</exception>
    public static List<HeCiphertext[]> Execute(IHeEvaluator evaluator, CwpPlan plan, IReadOnlyList<IReadOnlyList<HeCiphertext>> groups, SampleRowLayout layout)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(layout);
        layout.Validate(evaluator.Slots);
        if (layout.RowsPerCiphertext != plan.RowsPerGroup)
            throw new ArgumentException($"CwpExecutor: layout has {layout.RowsPerCiphertext} rows, the plan {plan.RowsPerGroup}.", nameof(layout));
        if (groups.Count != plan.InputGroups)
            throw new ArgumentException($"CwpExecutor: {groups.Count} groups given, the plan was made for {plan.InputGroups}.", nameof(groups));
        int c = groups[0].Count;
        for (int g = 0; g < groups.Count; g++)
            if (groups[g].Count != c || c == 0)
                throw new ArgumentException($"CwpExecutor: group {g} has {groups[g].Count} ciphertexts, expected {c} (>= 1).", nameof(groups));

        int slots = evaluator.Slots;
        var rotated = plan.Options.ShareRotations ? PrepareRotationCache(plan) : null;
        var result = new List<HeCiphertext[]>(plan.Outputs.Count);
        for (int o = 0; o < plan.Outputs.Count; o++)
        {
            var og = plan.Outputs[o];
            var acc = new HeCiphertext[c];
            var baseGroup = groups[og.BaseGroup];
            var zeroMask = og.ZeroMaskRows is null ? null : layout.RowMask(slots, og.ZeroMaskRows);
            for (int j = 0; j < c; j++)
                acc[j] = zeroMask is null ? baseGroup[j] : evaluator.MultiplyPlain(baseGroup[j], zeroMask);
            foreach (var t in og.Transfers)
            {
                var src = groups[t.SourceGroup];
                if (rotated is null)
                {
                    var mask = layout.RowMask(slots, t.SourceRows);
                    for (int j = 0; j < c; j++)
                    {
                        var part = evaluator.MultiplyPlain(src[j], mask);
                        if (t.Shift != 0) part = evaluator.Rotate(part, t.Shift * layout.RowSlots);
                        acc[j] = evaluator.Add(acc[j], part);
                    }
                }
                else
                {
                    var dest = new int[t.SourceRows.Length];
                    for (int i = 0; i < dest.Length; i++) dest[i] = t.SourceRows[i] - t.Shift;
                    var mask = layout.RowMask(slots, dest);
                    for (int j = 0; j < c; j++)
                    {
                        var r = rotated.Get(evaluator, src, t.SourceGroup, j, t.Shift, layout.RowSlots);
                        acc[j] = evaluator.Add(acc[j], evaluator.MultiplyPlain(r, mask));
                    }
                }
            }
            rotated?.ReleaseAfter(o);
            result.Add(acc);
        }
        return result;
    }

    private static RotationCache PrepareRotationCache(CwpPlan plan)
    {
        var shifts = new Dictionary<int, SortedSet<int>>();
        var lastUse = new Dictionary<int, int>();
        for (int o = 0; o < plan.Outputs.Count; o++)
        {
            foreach (var t in plan.Outputs[o].Transfers)
            {
                lastUse[t.SourceGroup] = o;
                if (t.Shift == 0) continue;
                if (!shifts.TryGetValue(t.SourceGroup, out var s)) shifts[t.SourceGroup] = s = [];
                s.Add(t.Shift);
            }
        }
        return new RotationCache(shifts, lastUse);
    }

    /// <summary>Holds the hoisted rotations of each source ciphertext until the last output that uses them.</summary>
    private sealed class RotationCache(Dictionary<int, SortedSet<int>> shifts, Dictionary<int, int> lastUse)
    {
        private readonly Dictionary<(int Group, int Ct), Dictionary<int, HeCiphertext>> _cache = new();

        public HeCiphertext Get(IHeEvaluator ev, IReadOnlyList<HeCiphertext> src, int group, int ct, int shift, int rowSlots)
        {
            if (shift == 0) return src[ct];
            if (!_cache.TryGetValue((group, ct), out var byShift))
            {
                var list = new int[shifts[group].Count];
                int i = 0;
                foreach (int s in shifts[group]) list[i++] = s * rowSlots;
                var outs = ev.RotateHoisted(src[ct], list);
                byShift = new Dictionary<int, HeCiphertext>(list.Length);
                i = 0;
                foreach (int s in shifts[group]) byShift[s] = outs[i++];
                _cache[(group, ct)] = byShift;
            }
            return byShift[shift];
        }

        /// <summary>Drops the rotations of every source whose last use was output <paramref name="output"/>.</summary>
        public void ReleaseAfter(int output)
        {
            var drop = new List<(int, int)>();
            foreach (var key in _cache.Keys)
                if (lastUse[key.Group] == output) drop.Add(key);
            foreach (var key in drop) _cache.Remove(key);
        }
    }
}
