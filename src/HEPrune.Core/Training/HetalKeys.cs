using HEPrune.Core.He;
using HEPrune.Core.Packing;

namespace HEPrune.Core.Training;

/// <summary>Lists the evaluation keys a HETAL training circuit needs for a layout (what a CKKS backend must generate).</summary>
public static class HetalKeys
{
    /// <summary>Returns the signed rotation steps (left positive) used by DiagABT, the softmax, the error re-tiling and DiagATB (both variants).</summary>
    public static SortedSet<int> Rotations(BlockLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        int c = layout.PaddedClasses, half = c / 2, s0 = layout.S0, s1 = layout.S1;
        var steps = new SortedSet<int>();
        for (int k = 1; k <= half; k++) steps.Add(k * s1);                 // DiagABT: RowUp_k
        for (int t = 1; t < s1; t <<= 1) { steps.Add(t); steps.Add(-t); }   // DiagABT: column sum and broadcast
        for (int t = 1; t < c; t <<= 1) { steps.Add(t); steps.Add(-t); }    // softmax: max/sum windows, broadcasts
        for (int t = c; t < s1; t <<= 1) steps.Add(-t);                     // error re-tiling
        for (int k = 1; k <= half; k++) { steps.Add(k); steps.Add(k - s1); } // DiagATB: RotLeft / PRotUp
        steps.Add(s1);                                                     // DiagATB: partial rotate-up
        for (int t = 1; t < s0; t <<= 1) steps.Add(t * s1);                 // DiagATB: row sums
        steps.Remove(0);
        return steps;
    }

    /// <summary>Returns a key set with every rotation of <see cref="Rotations"/> and the conjugation key.</summary>
    public static EvaluationKeySet KeySet(BlockLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new EvaluationKeySet(layout.Slots, conjugation: true).AddRange(Rotations(layout));
    }
}
