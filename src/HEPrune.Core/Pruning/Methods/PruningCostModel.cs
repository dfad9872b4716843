using HEPrune.Core.He;
using HEPrune.Core.Pruning.Cwp;
using HEPrune.Core.Pruning.Scores;
using HEPrune.Core.Pruning.Sorting;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>The setting a pruning round's cost is computed for.</summary>
/// <param name="Parameters">CKKS parameter shape (slots, top level, wire sizes).</param>
/// <param name="Layout">Sample-row layout of the batch ciphertexts.</param>
/// <param name="SamplesPerGroup">Real samples per batch group (e.g. 341 × 128 and one 102 for CIFAR-10).</param>
/// <param name="CiphertextsPerGroup">Ciphertexts per batch group (feature blocks + label block).</param>
/// <param name="Classes">Number of real classes c.</param>
/// <param name="Keep">Kept fraction.</param>
/// <param name="ProbabilityLevel">Level at which the forward pass delivers P.</param>
/// <param name="RefreshFloor">Refresher's minimum input level, or null when there is no refresher.</param>
/// <param name="ScoreLevel">Level the CAM scores are dropped to before sending.</param>
public sealed record PruningCostSetting(HeParameters Parameters, SampleRowLayout Layout, IReadOnlyList<int> SamplesPerGroup,
    int CiphertextsPerGroup, int Classes, double Keep, int ProbabilityLevel, int? RefreshFloor, int ScoreLevel = 0)
{
    /// <summary>Total samples N.</summary>
    public int SampleCount => SamplesPerGroup.Sum();
}

/// <summary>Operation counts (per component) and message bytes of one pruning round.</summary>
/// <param name="Ops">Component (scoring, selection, repacking) → operation kind → count (Mult, CMult, Const, Rot, Refresh, Drop).</param>
/// <param name="Bytes">Message type ("scores", "mask") → bytes.</param>
/// <param name="OutputGroups">Batch groups trained on afterwards.</param>
public sealed record PruningRoundCost(Dictionary<string, Dictionary<string, long>> Ops, Dictionary<string, long> Bytes, int OutputGroups);

/// <summary>
/// Computes, without running anything, the server operation counts and message bytes of one pruning round of a
/// method at any scale, following exactly the circuits <see cref="PruningMethod"/> executes (the tests check equality
/// with executed counts). The trainer's forward pass is not included.
/// </summary>
/// <remarks>CWP and in-place masking depend on the keep-mask; pass the actual one, or <see cref="UniformMasks"/>
/// for a uniformly random draw as the paper's benchmarks did. Additions are free and not counted.</remarks>
public static class PruningCostModel
{
    /// <summary>Returns the cost of a round that re-scores the data (the random first round has no scoring or selection).</summary>
    /// <param name="spec">The method.</param>
    /// <param name="setting">Scale and levels.</param>
    /// <param name="groupMasks">Keep-mask per group (needed for CWP and in-place masking with a plaintext mask).</param>
    /// <param name="scored">False for a random round (first round or the random method).</param>
    /// <exception cref="InvalidOperationException">A circuit lacks levels and there is no refresher.</exception>
    public static PruningRoundCost Round(PruningMethodSpec spec, PruningCostSetting setting, IReadOnlyList<bool[]>? groupMasks, bool scored = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(setting);
        var ops = new Dictionary<string, Dictionary<string, long>>();
        var bytes = new Dictionary<string, long>();
        int groups = setting.SamplesPerGroup.Count, c = setting.CiphertextsPerGroup;
        int top = setting.Parameters.MaxLevel;
        int? floor = setting.RefreshFloor;
        if (spec.Selection == SelectionKind.None) return new PruningRoundCost(ops, bytes, groups);
        scored &= spec.Selection != SelectionKind.Random;

        if (!scored || spec.Selection == SelectionKind.ClientAided)
        {
            if (scored)
            {
                int scoreOut = Scoring(spec.Score, setting, Get(ops, "scoring"));
                var sel = Get(ops, "selection");
                int outputs = (groups + setting.Layout.RowSlots - 1) / setting.Layout.RowSlots;
                int level = 0;
                for (int g = 0; g < groups; g++) level = EnsureLevels(scoreOut, 1, floor, top, sel) - 1;
                Add(sel, "CMult", groups);
                Add(sel, "Rot", groups - outputs);
                if (level > setting.ScoreLevel) { Add(sel, "Drop", outputs); level = setting.ScoreLevel; }
                bytes["scores"] = outputs * setting.Parameters.CiphertextBytes(level);
                bytes["mask"] = 4 + (setting.SampleCount + 7) / 8;
            }
            var masks = groupMasks ?? throw new ArgumentException("PruningCostModel.Round: the repacking cost needs the keep-masks.", nameof(groupMasks));
            var rep = Get(ops, "repacking");
            if (spec.Repack == RepackKind.Cwp)
            {
                var cost = CwpPlanner.Plan(masks, CwpOptions.Paper, setting.SamplesPerGroup).Cost(c);
                Add(rep, "Rot", cost.Rot);
                Add(rep, "CMult", cost.CMult);
                return new PruningRoundCost(ops, bytes, cost.OutputGroups);
            }
            for (int g = 0; g < groups; g++)
            {
                bool pruned = false;
                for (int r = 0; r < setting.SamplesPerGroup[g]; r++) pruned |= !masks[g][r];
                if (pruned) Add(rep, "CMult", c);
            }
            return new PruningRoundCost(ops, bytes, groups);
        }

        // Prune Baseline: score, compaction, sort, threshold, encrypted row masks, masking by multiplication.
        int ls = Scoring(spec.Score, setting, Get(ops, "scoring"));
        var s = Get(ops, "selection");
        int outs = (groups + setting.Layout.RowSlots - 1) / setting.Layout.RowSlots;
        int compacted = 0;
        for (int g = 0; g < groups; g++) compacted = Ensure(ls, 1, floor, top, s) - 1;
        Add(s, "CMult", groups);
        Add(s, "Rot", groups - outs);
        int slots = setting.Parameters.Slots;
        var sort = BitonicSorter.Cost(outs, slots, compacted, top, floor);
        Add(s, "Mult", sort.Mult); Add(s, "CMult", sort.CMult); Add(s, "Const", sort.Const); Add(s, "Rot", sort.Rot); Add(s, "Refresh", sort.Refresh);
        int k = Selection.ClientSelection.KeepCount(setting.SampleCount, setting.Keep);
        bool oneSource = (k - 1) / slots == k / slots;
        int la = Ensure(sort.OutputLevel, EncryptedThresholdMask.MaskDepth, floor, top, s);
        if (!oneSource) la = Math.Min(la, Ensure(sort.OutputLevel, EncryptedThresholdMask.MaskDepth, floor, top, s));
        Add(s, "CMult", oneSource ? 1 : 2);
        Add(s, "Rot", HEPrune.Core.He.Depth.CeilLog2(slots));
        int lt = Ensure(la - 1, EncryptedThresholdMask.MaskDepth - 1, floor, top, s);
        int log2Row = HEPrune.Core.He.Depth.CeilLog2(setting.Layout.RowSlots);
        int maskLevel = 0;
        for (int g = 0; g < groups; g++)
        {
            int lb = Ensure(ls, EncryptedThresholdMask.MaskDepth, floor, top, s);
            Add(s, "CMult", 2); Add(s, "Mult", 15); Add(s, "Const", 12); Add(s, "Rot", log2Row);
            maskLevel = Math.Min(lb - 1, lt) - SignComposite.SignDepth - 1;
        }
        var r2 = Get(ops, "repacking");
        for (int g = 0; g < groups; g++)
        {
            // EncryptedThresholdMask.Apply refreshes a mask below the (fresh, top-level) data's level when it can.
            if (floor is not null && maskLevel < top) Add(r2, "Refresh", 1);
            else Ensure(maskLevel, 1, floor, top, r2);
            Add(r2, "Mult", c);
        }
        return new PruningRoundCost(ops, bytes, groups);
    }

    /// <summary>Returns per-group masks keeping exactly ⌈N·keep⌉ samples chosen uniformly (deterministic in the seed).</summary>
    public static List<bool[]> UniformMasks(IReadOnlyList<int> samplesPerGroup, int rowsPerGroup, double keep, int seed)
    {
        ArgumentNullException.ThrowIfNull(samplesPerGroup);
        int n = samplesPerGroup.Sum();
        var flat = PruningMethod.RandomMask(n, Selection.ClientSelection.KeepCount(n, keep), seed, 0);
        var result = new List<bool[]>(samplesPerGroup.Count);
        int id = 0;
        foreach (int count in samplesPerGroup)
        {
            var m = new bool[rowsPerGroup];
            for (int r = 0; r < count; r++) m[r] = flat[id++];
            result.Add(m);
        }
        return result;
    }

    /// <summary>Adds one score block's counts per group; returns the level of the score blocks.</summary>
    private static int Scoring(ScoreKind kind, PruningCostSetting st, Dictionary<string, long> ops)
    {
        int groups = st.SamplesPerGroup.Count, top = st.Parameters.MaxLevel;
        int rot = HEPrune.Core.He.Depth.CeilLog2(Math.Max(1, st.Classes));
        int outLevel = 0;
        for (int g = 0; g < groups; g++)
        {
            Add(ops, "CMult", 1);
            Add(ops, "Rot", rot);
            if (kind == ScoreKind.Hefs)
            {
                int lp = Ensure(st.ProbabilityLevel, 9, st.RefreshFloor, top, ops);
                Add(ops, "Mult", 16);
                Add(ops, "Const", 12);
                outLevel = lp - 9;
            }
            else
            {
                int level = Ensure(st.ProbabilityLevel, 2, st.RefreshFloor, top, ops) - 2;
                Add(ops, "Mult", 1);
                const int n = 10;
                for (int i = 0; i < n; i++)
                {
                    if (st.RefreshFloor is int f && level < 2 + f) { Add(ops, "Refresh", 2); level = top; }
                    else if (st.RefreshFloor is null && level < 2)
                        throw new InvalidOperationException($"PruningCostModel: the square root needs 2 levels, x is at {level} and there is no refresher.");
                    bool last = i == n - 1;
                    Add(ops, "Mult", last ? 1 : 3);
                    Add(ops, "Const", last ? 1 : 2);
                    level -= 2;
                }
                outLevel = level;
            }
        }
        return outLevel;
    }

    /// <summary>Mirrors <see cref="LevelGuard.Ensure"/>: returns the level after an optional refresh.</summary>
    private static int Ensure(int level, int need, int? floor, int top, Dictionary<string, long> ops)
    {
        if (floor is int f)
        {
            if (level >= need + f) return level;
            Add(ops, "Refresh", 1);
            return top;
        }
        if (level >= need) return level;
        throw new InvalidOperationException($"PruningCostModel: a circuit needs {need} levels, the input is at {level} and there is no refresher.");
    }

    /// <summary>Mirrors <see cref="LevelGuard.EnsureLevels"/> (no floor margin).</summary>
    private static int EnsureLevels(int level, int need, int? floor, int top, Dictionary<string, long> ops)
    {
        if (level >= need) return level;
        if (floor is null)
            throw new InvalidOperationException($"PruningCostModel: a circuit needs {need} levels, the input is at {level} and there is no refresher.");
        Add(ops, "Refresh", 1);
        return top;
    }

    private static Dictionary<string, long> Get(Dictionary<string, Dictionary<string, long>> ops, string component)
    {
        if (!ops.TryGetValue(component, out var d)) ops[component] = d = new Dictionary<string, long>();
        return d;
    }

    private static void Add(Dictionary<string, long> d, string kind, long n)
    {
        if (n != 0) d[kind] = d.GetValueOrDefault(kind) + n;
    }
}
