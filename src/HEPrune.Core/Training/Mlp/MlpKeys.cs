using HEPrune.Core.He;
using HEPrune.Core.Packing;

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

    /// <summary>Returns the rotation steps for a shape, slot count and batch size (before any backend exists).</summary>
    public static SortedSet<int> Rotations(MlpShape shape, int slots, int batch)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var steps = new SortedSet<int>();
        for (int l = 0; l < shape.Layers; l++) steps.UnionWith(HetalKeys.Rotations(new BlockLayout(slots, batch, shape.In(l) + 1, shape.Out(l))));
        return steps;
    }

    /// <summary>Returns a key set with every rotation of <see cref="Rotations(MlpShape, int, int)"/> and the conjugation key.</summary>
    public static EvaluationKeySet KeySet(MlpShape shape, int slots, int batch)
        => new EvaluationKeySet(slots, conjugation: true).AddRange(Rotations(shape, slots, batch));
}
