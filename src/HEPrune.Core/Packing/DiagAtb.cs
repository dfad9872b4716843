using System.Numerics;
using HEPrune.Core.He;

namespace HEPrune.Core.Packing;

/// <summary>
/// HETAL's DiagATB, G = Eᵀ·X̄ for E (a×c, horizontally tiled with period c_pad in one block) and X̄ (Bk blocks),
/// returning G vertically tiled in Bk blocks (G̃[r, g] = G[r mod c_pad, g]) — the weights' own layout, as
/// reconstructed in spec §2.4 (RotLeft) and spec-validation §1.2 (PRotUp).
/// </summary>
/// <remarks>
/// Counts (A = 1, c = c_pad): Mult (c/2)·Bk; RotLeft: CMult 1 + (c/2)(1 + Bk) − 1, Rot 2 + (c/2)(2 + Bk·log s0) − 2;
/// PRotUp: CMult 1 + (c−1)·Bk, Rot 1 + (c/2)(1 + Bk + Bk·log s0) − Bk; Conj Bk. Depth RotLeft 4 (E) / 2 (X),
/// PRotUp 3 / 3. The scale factor (e.g. −lr/B) and the ½ of Re(·) are folded into the row masks.
/// </remarks>
public static class DiagAtb
{
    /// <summary>Returns the variant HETAL's rule picks for the given input levels.</summary>
    public static DiagAtbVariant Choose(int levelE, int levelX) => levelE >= levelX ? DiagAtbVariant.RotLeft : DiagAtbVariant.PRotUp;

    /// <summary>Returns scale·G̃ as Bk blocks; rows of padded classes are 0.</summary>
    /// <exception cref="ArgumentException">The feature block count differs from Bk.</exception>
    public static HeCiphertext[] Multiply(IHeEvaluator ev, HeCiphertext eTiled, IReadOnlyList<HeCiphertext> x,
        BlockLayout layout, double scale = 1.0, DiagAtbVariant variant = DiagAtbVariant.Auto)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(eTiled);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(layout);
        int bk = layout.FeatureBlocks;
        if (x.Count != bk)
            throw new ArgumentException($"DiagAtb: got {x.Count} feature blocks, expected Bk = {bk}.", nameof(x));
        if (variant == DiagAtbVariant.Auto) variant = Choose(eTiled.Level, MinLevel(x));
        int c = layout.PaddedClasses, half = c / 2, s1 = layout.S1;

        // Ê = Ẽ + i·RotLeft_{c/2}(Ẽ)
        var eHat = ev.Add(eTiled, ev.MultiplyConst(RotLeft(ev, eTiled, half, layout), Complex.ImaginaryOne));

        var acc = new HeCiphertext?[bk];
        HeCiphertext[]? xUp = null;
        for (int k = 0; k < half; k++)
        {
            HeCiphertext f;
            IReadOnlyList<HeCiphertext> xk = x;
            if (k == 0) f = eHat;
            else if (variant == DiagAtbVariant.RotLeft) f = RotLeft(ev, eHat, k, layout);
            else
            {
                f = ev.Rotate(eHat, k);
                var m = new SlotVector(layout.Mask((r, col) => col >= s1 - k ? 1 : 0));
                xUp = new HeCiphertext[bk];
                for (int j = 0; j < bk; j++)
                    xUp[j] = ev.Add(x[j], ev.MultiplyPlain(ev.Sub(ev.Rotate(x[j], s1), x[j]), m));
                xk = xUp;
            }
            var rowMask = RowMask(layout, k, scale);
            for (int j = 0; j < bk; j++)
            {
                var h = ev.Multiply(f, xk[j]);
                for (int step = 1; step < layout.S0; step <<= 1) h = ev.Add(h, ev.Rotate(h, step * s1));
                var placed = ev.MultiplyPlain(h, rowMask);
                acc[j] = acc[j] is null ? placed : ev.Add(acc[j]!, placed);
            }
        }
        var g = new HeCiphertext[bk];
        for (int j = 0; j < bk; j++) g[j] = ev.Add(acc[j]!, ev.Conjugate(acc[j]!));
        return g;
    }

    /// <summary>Shifts every row left by k columns cyclically within the row: 2 Rot + 1 CMult.</summary>
    internal static HeCiphertext RotLeft(IHeEvaluator ev, HeCiphertext a, int k, BlockLayout layout)
    {
        int s1 = layout.S1;
        var hoisted = ev.RotateHoisted(a, [k, k - s1]);
        var m = new SlotVector(layout.Mask((r, col) => col < s1 - k ? 1 : 0));
        return ev.Add(hoisted[1], ev.MultiplyPlain(ev.Sub(hoisted[0], hoisted[1]), m));
    }

    /// <summary>Returns (scale/2)·(R_k − i·R_{k+c/2}) with R_k[r, g] = 1 iff r ≡ g + k (mod c_pad), real-class rows only.</summary>
    private static SlotVector RowMask(BlockLayout layout, int k, double scale)
    {
        int c = layout.PaddedClasses, half = c / 2;
        var re = new double[layout.Slots];
        var im = new double[layout.Slots];
        for (int r = 0; r < layout.S0; r++)
        {
            int cls = r % c;
            if (cls >= layout.Classes) continue;
            for (int col = 0; col < layout.S1; col++)
            {
                int g = col % c;
                if (cls == (g + k) % c) re[layout.Index(r, col)] = scale / 2;
                if (cls == (g + k + half) % c) im[layout.Index(r, col)] = -scale / 2;
            }
        }
        return new SlotVector(re, im);
    }

    private static int MinLevel(IReadOnlyList<HeCiphertext> x)
    {
        int m = int.MaxValue;
        foreach (var ct in x) m = Math.Min(m, ct.Level);
        return m;
    }
}
