using HEPrune.Core.He;
using HEPrune.Core.Pruning.Methods;

namespace HEPrune.Core.Pruning;

/// <summary>Lists the rotation keys a pruning method needs for a layout (what a CKKS backend must generate on top of training's).</summary>
public static class PruningKeys
{
    /// <summary>Returns the signed rotation steps (left positive) the method's circuits use.</summary>
    /// <param name="spec">The method.</param>
    /// <param name="layout">Sample-row layout of the batch ciphertexts.</param>
    /// <param name="slots">Slots per ciphertext.</param>
    /// <param name="classes">Number of real classes c.</param>
    /// <param name="cwpRotations">
    /// CWP steps to include; null means all k·s1 for 0 &lt; |k| &lt; B (what <c>cwp.cpp</c> generates, as left rotations
    /// by multiples of s1 modulo the slot count). Pass <see cref="Cwp.CwpPlan.RotationShifts"/>·s1 to generate only a plan's keys.
    /// </param>
    public static SortedSet<int> Rotations(PruningMethodSpec spec, SampleRowLayout layout, int slots, int classes, IEnumerable<int>? cwpRotations = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(layout);
        var steps = new SortedSet<int>();
        if (spec.Score != ScoreKind.None)
            for (int j = 1; j < classes; j <<= 1) steps.Add(j);                       // class sum
        if (spec.Selection is SelectionKind.ClientAided or SelectionKind.EncryptedSort)
            for (int t = 1; t < layout.RowSlots; t <<= 1) steps.Add(-t);              // compaction merge tree
        if (spec.Selection == SelectionKind.EncryptedSort)
        {
            for (int j = 1; j < slots; j <<= 1) { steps.Add(j); steps.Add(-j); }      // bitonic stages, threshold broadcast
            for (int t = 1; t < layout.RowSlots; t <<= 1) steps.Add(-t);              // mask replication along the row
        }
        if (spec.Repack == RepackKind.Cwp)
        {
            if (cwpRotations is null)
                for (int k = 1; k < layout.RowsPerCiphertext; k++) { steps.Add(k * layout.RowSlots); steps.Add(-k * layout.RowSlots); }
            else
                foreach (int s in cwpRotations) steps.Add(s);
        }
        steps.Remove(0);
        return steps;
    }

    /// <summary>Adds the method's rotations to an existing key set (e.g. the trainer's) and returns it.</summary>
    public static EvaluationKeySet AddTo(EvaluationKeySet keys, PruningMethodSpec spec, SampleRowLayout layout, int classes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.AddRange(Rotations(spec, layout, keys.Slots, classes));
    }
}
