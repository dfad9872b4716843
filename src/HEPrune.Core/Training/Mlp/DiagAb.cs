using System.Numerics;
using HEPrune.Core.He;
using HEPrune.Core.Packing;

namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// Backpropagation's product O = Δ·W for Δ (a×c, one block, horizontally tiled with period c_pad) and W (c×d,
/// vertically tiled in one block, the layer's own weight layout): row r of O holds Σ_i Δ[r, i]·W[i, g] in column g,
/// for every column g ≤ s1 − c_pad. Same complex two-diagonals-per-product packing as DiagABT.
/// </summary>
/// <remarks>
/// <para>Algorithm: U = W̃ + i·RowUp_{c/2}(W̃). For k = 0 … c/2 − 1: α_k = Δ ⊙ ½(D_k − i·D_{k+c/2}) with
/// D_k[r, j] = 1 iff j ≡ r + k (mod c_pad), summed over a window of c_pad columns by log2 c_pad left rotations, so
/// column g holds ½(Δ[r, r+k] − i·Δ[r, r+k+c/2]) when the window g … g + c_pad − 1 stays inside the row; then
/// acc += α_k ⊙ RowUp_k(U). O = acc + conj(acc) takes the real part.</para>
/// <para>Counts (c = c_pad): CMult c/2, Mult c/2, Rot 1 + (c/2)·log2 c + (c/2 − 1), Conj 1. Depth 2 on Δ, 1 on W.
/// Columns g &gt; s1 − c_pad hold garbage; the caller masks them (the activation-derivative mask does).</para>
/// </remarks>
public static class DiagAb
{
    /// <summary>Returns O = Δ·W (valid in columns 0 … s1 − c_pad of each row).</summary>
    /// <exception cref="ArgumentException">The layout has more than one feature block.</exception>
    public static HeCiphertext Multiply(IHeEvaluator ev, HeCiphertext deltaTiled, HeCiphertext wTiled, BlockLayout layout)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(deltaTiled);
        ArgumentNullException.ThrowIfNull(wTiled);
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.FeatureBlocks != 1)
            throw new ArgumentException($"DiagAb: the weights must fit one block (d ≤ s1), got {layout}.", nameof(layout));
        int c = layout.PaddedClasses, half = c / 2, s1 = layout.S1;
        var u = ev.Add(wTiled, ev.MultiplyConst(ev.Rotate(wTiled, half * s1), Complex.ImaginaryOne));
        HeCiphertext? acc = null;
        for (int k = 0; k < half; k++)
        {
            var a = ev.MultiplyPlain(deltaTiled, DiagonalMask(layout, k));
            for (int step = 1; step < c; step <<= 1) a = ev.Add(a, ev.Rotate(a, step));
            var v = k == 0 ? u : ev.Rotate(u, k * s1);
            var prod = ev.Multiply(a, v);
            acc = acc is null ? prod : ev.Add(acc, prod);
        }
        return ev.Add(acc!, ev.Conjugate(acc!));
    }

    /// <summary>Returns ½(D_k − i·D_{k+c/2}) over real classes, periodic over the row.</summary>
    private static SlotVector DiagonalMask(BlockLayout layout, int k)
    {
        int c = layout.PaddedClasses, half = c / 2;
        var re = new double[layout.Slots];
        var im = new double[layout.Slots];
        for (int r = 0; r < layout.S0; r++)
            for (int col = 0; col < layout.S1; col++)
            {
                int cls = col % c;
                if (cls >= layout.Classes) continue;
                if (cls == (r + k) % c) re[layout.Index(r, col)] = 0.5;
                if (cls == (r + k + half) % c) im[layout.Index(r, col)] = -0.5;
            }
        return new SlotVector(re, im);
    }
}
