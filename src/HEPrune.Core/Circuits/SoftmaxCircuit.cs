using System.Numerics;
using HEPrune.Core.He;

namespace HEPrune.Core.Circuits;

/// <summary>
/// HETAL's "normal" softmax approximation (spec §2.5) on slots, with the four slot-level necessities of
/// spec-validation §2.3: the column-0 max is broadcast, the class mask is folded into exp, every slot stays bounded,
/// and every refresh input is a normalised quantity.
/// </summary>
/// <remarks>
/// Input: x = z/(2R_max) tiled with period c_pad over each row, padded classes 0. Output: P, valid in the
/// real-class columns of complete windows (the caller masks what it uses). Depth without refresh:
/// max 10·log2(c_pad) + 1, domain extension 10, exp 4 + 3, inverse 1 + 1 + 16, product 1 (77 for c_pad = 16).
/// Refresh points (planned policy): the input if it has no level left for the broadcast ("softmax.input"), each max round ("max.round", 10 levels; "max.f", 4), "de" (10, then "de.step" 2 per step), "exp" (8),
/// "inverse.start" (always), "inverse.t"/"inverse.e" (when an iteration would run out). When a row is a single
/// period (s1 = c_pad, e.g. CIFAR-10 at batch 2048), S is taken from column 0 and broadcast like the max.
/// </remarks>
public static class SoftmaxCircuit
{
    /// <summary>Levels the domain extension consumes (2 per step).</summary>
    public const int DomainExtensionDepth = 2 * SoftmaxApproximation.Steps;

    /// <summary>Levels exp consumes (polynomial 4 + 3 squarings) plus the final e·(1/S) product.</summary>
    public const int ExpStageDepth = 4 + SoftmaxApproximation.ExpSquarings + 1;

    /// <summary>Evaluates the approximate softmax; stage counts and times go to the profiler when given.</summary>
    /// <param name="settings">Domain-extension settings (default HETAL's, <see cref="SoftmaxSettings.Hetal"/>); x must be z/(2·settings.RMax).</param>
    public static HeCiphertext Evaluate(IHeEvaluator ev, HeCiphertext x, SoftmaxLayout layout, RefreshPolicy policy,
        StageProfiler? profiler = null, SoftmaxSettings? settings = null)
    {
        settings ??= SoftmaxSettings.Hetal;
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(policy);
        if (layout.Slots != ev.Slots)
            throw new ArgumentException($"SoftmaxCircuit: layout has {layout.Slots} slots, evaluator has {ev.Slots}.", nameof(layout));
        T Stage<T>(string name, Func<T> f) => profiler is null ? f() : profiler.Run(name, f);

        // 1. Padded classes to −½, tournament max over the c_pad window, broadcast the column-0 max.
        var (xp, m) = Stage("softmax.max", () =>
        {
            var padded = new double[layout.Slots];
            for (int i = 0; i < padded.Length; i++) padded[i] = -0.5 * layout.PaddedMask[i];
            // The running max inherits x's level through b; the broadcast mask needs one level.
            var xPad = ev.AddPlain(policy.Ensure(x, 1, "softmax.input"), new SlotVector(padded));
            var mm = xPad;
            for (int step = 1; step < layout.PaddedClasses; step <<= 1)
                mm = Comparison.Max(ev, mm, ev.Rotate(mm, step), policy);
            mm = ev.MultiplyPlain(mm, new SlotVector(layout.FirstColumnMask));
            for (int step = 1; step < layout.PaddedClasses; step <<= 1)
                mm = ev.Add(mm, ev.Rotate(mm, -step));
            return (xPad, mm);
        });

        // 2. Domain extension on w = x − m = u/(2R_max); v = u/r = (2R_max/r)·w (free; 32·w for HETAL's r = 8).
        var v = Stage("softmax.de", () =>
        {
            var w = policy.Ensure(ev.Sub(xp, m), settings.DomainExtensionDepth, "de");
            for (int i = settings.Steps - 1; i >= 0; i--)
            {
                w = policy.Ensure(w, 2, "de.step");
                var w2 = ev.Square(w);
                var kw = ev.MultiplyConst(w, new Complex(settings.DomainExtensionCoefficient(i), 0));
                w = ev.Sub(w, ev.Multiply(kw, w2));
            }
            return ev.MultiplyConst(w, new Complex(settings.ExpArgumentScale, 0));
        });

        // 3. exp(v·r) with the class mask folded into the coefficients, then log2 r squarings (3 for HETAL's r = 8).
        var e = Stage("softmax.exp", () =>
        {
            var vv = policy.Ensure(v, settings.ExpStageDepth, "exp");
            var p = PolynomialEvaluator.Evaluate(ev, vv, SoftmaxApproximation.Exp, layout.ClassMask);
            for (int k = 0; k < settings.ExpSquarings; k++) p = ev.Square(p);
            return p;
        });

        // 4. Window sum S over c_pad columns.
        var s = Stage("softmax.sum", () =>
        {
            var acc = e;
            for (int step = 1; step < layout.PaddedClasses; step <<= 1) acc = ev.Add(acc, ev.Rotate(acc, step));
            return acc;
        });

        // 5. q = S/R (S replaced by R where the window crosses the row end), t ≈ 1/S.
        var inv = Stage("softmax.inverse", () =>
        {
            double r = GoldschmidtInverse.DefaultR;
            var scale = new double[layout.Slots];
            var fill = new double[layout.Slots];
            for (int i = 0; i < scale.Length; i++)
            {
                scale[i] = layout.CompleteWindowMask[i] / r;
                fill[i] = 1 - layout.CompleteWindowMask[i];
            }
            HeCiphertext q;
            if (layout.SinglePeriodRows)
            {
                for (int i = 0; i < scale.Length; i++) scale[i] = layout.FirstColumnMask[i] / r;
                q = ev.MultiplyPlain(s, new SlotVector(scale));
                for (int step = 1; step < layout.PaddedClasses; step <<= 1) q = ev.Add(q, ev.Rotate(q, -step));
            }
            else
            {
                q = ev.AddPlain(ev.MultiplyPlain(s, new SlotVector(scale)), new SlotVector(fill));
            }
            q = policy.Force(q, "inverse.start");
            return GoldschmidtInverse.Evaluate(ev, q, policy, r);
        });

        // 6. P = e·(1/S).
        return Stage("softmax.product", () => ev.Multiply(e, inv));
    }

    /// <summary>Packs rows of logits as the circuit expects: x = z/(2R_max) tiled with period c_pad, padded classes 0.</summary>
    /// <exception cref="ArgumentException">Too many rows or a row of the wrong length.</exception>
    public static SlotVector PackLogits(SoftmaxLayout layout, IReadOnlyList<double[]> rows, SoftmaxSettings? settings = null)
    {
        double rMax = (settings ?? SoftmaxSettings.Hetal).RMax;
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count > layout.Rows)
            throw new ArgumentException($"PackLogits: {rows.Count} rows exceed {layout.Rows} rows per ciphertext.", nameof(rows));
        var re = new double[layout.Slots];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != layout.Classes)
                throw new ArgumentException($"PackLogits: row {r} has {rows[r].Length} logits, expected {layout.Classes}.", nameof(rows));
            for (int j = 0; j < layout.RowWidth; j++)
            {
                int cls = j % layout.PaddedClasses;
                if (cls < layout.Classes) re[layout.Index(r, j)] = rows[r][cls] / (2 * rMax);
            }
        }
        return new SlotVector(re);
    }
}
