using System.Numerics;
using HEPrune.Core.He;

namespace HEPrune.Core.Packing;

/// <summary>
/// HETAL's DiagABT, Z = A·Bᵀ for A = X̄ (one block row, Bk blocks) and B = W vertically tiled, as reconstructed in
/// spec §2.3: two diagonals per ct×ct product through complex packing, column sums by rotate-and-add, a clean mask,
/// a broadcast and a complex placement mask; Re(·) by one conjugation.
/// </summary>
/// <remarks>
/// Counts (A = 1): Mult (c/2)·Bk, CMult c, Rot (c/2)(Bk + 2·log2 s1), Conj 1 (c = c_pad) — HETAL's Table 7.
/// Depth 3 on both inputs. The output scale factor and the ½ of Re(z) = (z + z̄)/2 are folded into the placement masks.
/// </remarks>
public static class DiagAbt
{
    /// <summary>
    /// Returns scale·Z in one block: row r holds the logits of sample r; with <paramref name="periodic"/> they are tiled
    /// with period c_pad over the whole row (column j holds Z[r, j mod c_pad]), otherwise only columns 0 … c_pad−1 are
    /// written. Padded classes are 0.
    /// </summary>
    /// <exception cref="ArgumentException">Block counts differ from Bk.</exception>
    public static HeCiphertext Multiply(IHeEvaluator ev, IReadOnlyList<HeCiphertext> x, IReadOnlyList<HeCiphertext> wTiled,
        BlockLayout layout, double scale = 1.0, bool periodic = true)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(wTiled);
        ArgumentNullException.ThrowIfNull(layout);
        int bk = layout.FeatureBlocks;
        if (x.Count != bk || wTiled.Count != bk)
            throw new ArgumentException($"DiagAbt: got {x.Count} feature and {wTiled.Count} weight blocks, expected Bk = {bk} each.");
        int c = layout.PaddedClasses, half = c / 2, s1 = layout.S1;

        // U = W̃ + i·RowUp_{c/2}(W̃)
        var u = new HeCiphertext[bk];
        for (int j = 0; j < bk; j++)
            u[j] = ev.Add(wTiled[j], ev.MultiplyConst(ev.Rotate(wTiled[j], half * s1), Complex.ImaginaryOne));

        var firstColumn = new SlotVector(layout.Mask((r, col) => col == 0 ? 1 : 0));
        HeCiphertext? acc = null;
        for (int k = 0; k < half; k++)
        {
            HeCiphertext? t = null;
            for (int j = 0; j < bk; j++)
            {
                var v = k == 0 ? u[j] : ev.Rotate(u[j], k * s1);
                var prod = ev.Multiply(x[j], v);
                t = t is null ? prod : ev.Add(t, prod);
            }
            for (int step = 1; step < s1; step <<= 1) t = ev.Add(t!, ev.Rotate(t!, step));
            t = ev.MultiplyPlain(t!, firstColumn);
            for (int step = 1; step < s1; step <<= 1) t = ev.Add(t, ev.Rotate(t, -step));
            var placed = ev.MultiplyPlain(t, PlacementMask(layout, k, scale, periodic));
            acc = acc is null ? placed : ev.Add(acc, placed);
        }
        return ev.Add(acc!, ev.Conjugate(acc!));
    }

    /// <summary>Returns (scale/2)·(D_k − i·D_{k+c/2}) restricted to real classes.</summary>
    private static SlotVector PlacementMask(BlockLayout layout, int k, double scale, bool periodic)
    {
        int c = layout.PaddedClasses, half = c / 2;
        var re = new double[layout.Slots];
        var im = new double[layout.Slots];
        for (int r = 0; r < layout.S0; r++)
        {
            int target = (r + k) % c, partner = (r + k + half) % c;
            for (int col = 0; col < layout.S1; col++)
            {
                if (!periodic && col >= c) break;
                int cls = col % c;
                if (cls == target && cls < layout.Classes) re[layout.Index(r, col)] = scale / 2;
                if (cls == partner && cls < layout.Classes) im[layout.Index(r, col)] = -scale / 2;
            }
        }
        return new SlotVector(re, im);
    }
}
