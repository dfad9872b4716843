using HEPrune.Core.He;

namespace HEPrune.Core.Training.Mlp;

/// <summary>Lists the evaluation keys the encrypted MLP step needs (what a CKKS backend must generate).</summary>
public static class MlpKeys
{
    /// <summary>
    /// Returns the signed rotation steps of every layer's DiagABT/DiagATB, the softmax and the re-tiling
    /// (<see cref="HetalKeys.Rotations"/> per layer layout); <see cref="DiagAb"/> uses a subset of them (left 2^t &lt; c_pad, k·s1).
    /// </summary>
    public static SortedSet<int> Rotations(MlpCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var steps = new SortedSet<int>();
        foreach (var layout in circuit.Layouts) steps.UnionWith(HetalKeys.Rotations(layout));
        return steps;
    }

    /// <summary>Returns a key set with every rotation of <see cref="Rotations"/> and the conjugation key.</summary>
    public static EvaluationKeySet KeySet(MlpCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return new EvaluationKeySet(circuit.Evaluator.Slots, conjugation: true).AddRange(Rotations(circuit));
    }
}
