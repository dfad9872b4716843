using HEPrune.Core.He;
using HEPrune.Core.Pruning.Scores;

namespace HEPrune.Core.Pruning.Sorting;

/// <summary>
/// The Prune Baseline's homomorphic sort: a bitonic sorting network over n = C·slots encrypted values (C a power of
/// two), each compare-exchange computed slot-wise with the HEFS sign composite's min/max (spec §3.2).
/// </summary>
/// <remarks>
/// <para>Element i lives in slot i mod slots of ciphertext ⌊i / slots⌋. For each stage (k, j) of the network, pairs
/// (i, i + j) with bit j of i clear are compared; the pair is ordered descending when bit k of i is clear (the final
/// order is descending). If j &lt; slots both elements share a ciphertext: x' = A + Rot(B, −j) with
/// (mn, mx) = MinMax(x, Rot(x, j)), A = D⊙mx + U⊙mn and B = D⊙mn + U⊙mx, where D/U are the masks of lower slots in
/// descending/ascending blocks (2 Rot, 2 or 4 CMult, depth 9). Otherwise the pair spans two ciphertexts and is a
/// plain min/max (depth 8).</para>
/// <para>Values must lie in a range of width ≤ 1 (e.g. [0, 0.9]); the composite diverges just past |a − b| = 1.
/// Each compare-exchange errs by at most 0.0077/2, so outputs are within m(m+1)/2 · 0.00385 of the exact sort, and
/// values closer than ≈ 0.05 are partially blended. Padding ciphertexts hold 0, which sorts last for non-negative
/// values.</para>
/// </remarks>
public static class BitonicSorter
{
    /// <summary>Levels a same-ciphertext stage consumes (min/max 8 + selection mask 1).</summary>
    public const int InnerStageDepth = SignComposite.MinMaxDepth + 1;

    /// <summary>Levels a cross-ciphertext stage consumes.</summary>
    public const int CrossStageDepth = SignComposite.MinMaxDepth;

    /// <summary>Sorts the values of <paramref name="data"/> in descending order (padding to a power-of-two count with zeros).</summary>
    /// <returns>The sorted ciphertexts (a power-of-two count ≥ the input count).</returns>
    /// <exception cref="ArgumentException">No ciphertexts are given.</exception>
    public static HeCiphertext[] SortDescending(IHeEvaluator evaluator, IReadOnlyList<HeCiphertext> data)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("BitonicSorter: no ciphertexts given.", nameof(data));
        int slots = evaluator.Slots;
        int c = 1 << HEPrune.Core.He.Depth.CeilLog2(data.Count);
        var x = new HeCiphertext[c];
        for (int i = 0; i < data.Count; i++) x[i] = data[i];
        for (int i = data.Count; i < c; i++) x[i] = evaluator.MultiplyConst(data[0], 0); // free zero ciphertext
        long n = (long)c * slots;
        for (long k = 2; k <= n; k <<= 1)
        {
            for (long j = k >> 1; j >= 1; j >>= 1)
            {
                if (j >= slots) CrossStage(evaluator, x, k, (int)(j / slots), slots);
                else InnerStage(evaluator, x, k, (int)j, slots);
            }
        }
        return x;
    }

    /// <summary>Returns the operation counts of sorting <paramref name="ciphertexts"/> ciphertexts of <paramref name="slots"/> slots, without running anything.</summary>
    /// <param name="ciphertexts">Input ciphertexts (padded to a power of two).</param>
    /// <param name="slots">Slots per ciphertext.</param>
    /// <param name="inputLevel">Level of the inputs.</param>
    /// <param name="maxLevel">Level after a refresh.</param>
    /// <param name="refreshFloor">Refresher's minimum input level, or null when there is no refresher.</param>
    /// <exception cref="InvalidOperationException">A stage lacks levels and there is no refresher.</exception>
    public static SortCost Cost(int ciphertexts, int slots, int inputLevel, int maxLevel, int? refreshFloor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ciphertexts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 2);
        int c = 1 << HEPrune.Core.He.Depth.CeilLog2(ciphertexts);
        long n = (long)c * slots;
        int level = inputLevel, stages = 0;
        long minMax = 0, mult = 0, cmult = 0, cnst = 0, rot = 0, refresh = 0;
        for (long k = 2; k <= n; k <<= 1)
        {
            for (long j = k >> 1; j >= 1; j >>= 1)
            {
                stages++;
                bool inner = j < slots;
                int need = inner ? InnerStageDepth : CrossStageDepth;
                if (refreshFloor is int floor)
                {
                    if (level < need + floor) { refresh += c; level = maxLevel; }
                }
                else if (level < need)
                {
                    throw new InvalidOperationException($"BitonicSorter.Cost: stage needs {need} levels, inputs are at {level} and there is no refresher.");
                }
                level -= need;
                long pairs = inner ? c : c / 2;
                minMax += pairs;
                mult += 16 * pairs;
                cnst += 13 * pairs;
                if (inner)
                {
                    rot += 2L * c;
                    for (int ct = 0; ct < c; ct++)
                    {
                        var (d, u) = Directions(ct, k, (int)j, slots);
                        cmult += 2 * ((d ? 1 : 0) + (u ? 1 : 0));
                    }
                }
            }
        }
        return new SortCost(stages, (long)stages * (n / 2), minMax, mult, cmult, cnst, rot, refresh, level);
    }

    /// <summary>Whether ciphertext ct has lower slots in descending (D) and ascending (U) blocks at stage (k, j).</summary>
    private static (bool Descending, bool Ascending) Directions(int ct, long k, int j, int slots)
    {
        if (k >= slots) return (((long)ct * slots & k) == 0) ? (true, false) : (false, true);
        return (true, true); // k < slots: both directions alternate inside every ciphertext
    }

    private static void InnerStage(IHeEvaluator ev, HeCiphertext[] x, long k, int j, int slots)
    {
        for (int ct = 0; ct < x.Length; ct++)
        {
            var (hasD, hasU) = Directions(ct, k, j, slots);
            var d = new double[slots];
            var u = new double[slots];
            for (int s = 0; s < slots; s++)
            {
                if ((s & j) != 0) continue;
                long i = (long)ct * slots + s;
                if ((i & k) == 0) d[s] = 1; else u[s] = 1;
            }
            var xi = LevelGuard.Ensure(ev, x[ct], InnerStageDepth, "BitonicSorter");
            var (mn, mx) = SignComposite.MinAndMax(ev, xi, ev.Rotate(xi, j));
            HeCiphertext a, b;
            if (hasD && hasU)
            {
                var dv = new SlotVector(d);
                var uv = new SlotVector(u);
                a = ev.Add(ev.MultiplyPlain(mx, dv), ev.MultiplyPlain(mn, uv));
                b = ev.Add(ev.MultiplyPlain(mn, dv), ev.MultiplyPlain(mx, uv));
            }
            else if (hasD)
            {
                var dv = new SlotVector(d);
                a = ev.MultiplyPlain(mx, dv);
                b = ev.MultiplyPlain(mn, dv);
            }
            else
            {
                var uv = new SlotVector(u);
                a = ev.MultiplyPlain(mn, uv);
                b = ev.MultiplyPlain(mx, uv);
            }
            x[ct] = ev.Add(a, ev.Rotate(b, -j));
        }
    }

    private static void CrossStage(IHeEvaluator ev, HeCiphertext[] x, long k, int jc, int slots)
    {
        for (int ct = 0; ct < x.Length; ct++)
        {
            if ((ct & jc) != 0) continue;
            int partner = ct | jc;
            var a = LevelGuard.Ensure(ev, x[ct], CrossStageDepth, "BitonicSorter");
            var b = LevelGuard.Ensure(ev, x[partner], CrossStageDepth, "BitonicSorter");
            var (mn, mx) = SignComposite.MinAndMax(ev, a, b);
            bool descending = ((long)ct * slots & k) == 0;
            x[ct] = descending ? mx : mn;
            x[partner] = descending ? mn : mx;
        }
    }
}
