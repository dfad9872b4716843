using HEPrune.Core.He;

namespace HEPrune.Core.Circuits;

/// <summary>
/// Evaluates a polynomial on a ciphertext at the minimal depth ⌈log2(d+1)⌉ by the split p = q + x^(2^t)·r with the
/// powers x^(2^i) computed by squaring.
/// </summary>
/// <remarks>
/// Each non-constant coefficient multiplies x itself (Const, or CMult when a slot mask is folded in), so it runs in
/// parallel with the first squaring; a sub-polynomial r that is a single constant multiplies its power x^(2^t)
/// directly; constant terms are added (AddConst, or AddPlain of the masked constant), which is free. With a mask m,
/// the result is m ⊙ p(x) at no extra depth. For an odd degree-7 polynomial this costs 5 Mult + 4 Const, depth 3.
/// </remarks>
public static class PolynomialEvaluator
{
    /// <summary>Returns the depth (levels consumed) of evaluating a polynomial of the given degree: ⌈log2(d+1)⌉.</summary>
    public static int DepthOf(Polynomial p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Depth.OfPolynomial(p.Degree);
    }

    /// <summary>Returns p(x) slot-wise, or mask ⊙ p(x) when a mask is given.</summary>
    /// <exception cref="ArgumentException">The polynomial is constant (nothing to evaluate) or the mask has the wrong length.</exception>
    /// <exception cref="LevelExhaustedException">x has fewer levels than <see cref="DepthOf"/>.</exception>
    public static HeCiphertext Evaluate(IHeEvaluator ev, HeCiphertext x, Polynomial p, double[]? mask = null)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(p);
        if (p.Degree < 1) throw new ArgumentException("PolynomialEvaluator: the polynomial is constant.", nameof(p));
        if (mask is not null && mask.Length != ev.Slots)
            throw new ArgumentException($"PolynomialEvaluator: mask has {mask.Length} slots, evaluator has {ev.Slots}.", nameof(mask));
        int need = DepthOf(p);
        if (x.Level < need) throw new LevelExhaustedException("PolynomialEvaluator", x.Level, need);
        var powers = new List<HeCiphertext> { x };
        int maxT = Depth.CeilLog2(p.Degree + 1) - 1;
        for (int t = 1; t <= maxT; t++) powers.Add(ev.Square(powers[t - 1]));
        var ctx = new Context(ev, powers, mask);
        var result = ctx.Eval(p.Coefficients.ToArray());
        return result ?? throw new ArgumentException("PolynomialEvaluator: the polynomial has no non-constant term.", nameof(p));
    }

    private sealed class Context(IHeEvaluator ev, List<HeCiphertext> powers, double[]? mask)
    {
        /// <summary>Evaluates Σ c_i x^i; returns null when every coefficient is zero.</summary>
        public HeCiphertext? Eval(double[] c)
        {
            int d = c.Length - 1;
            while (d > 0 && c[d] == 0) d--;
            if (d == 0) return c[0] == 0 ? null : throw new InvalidOperationException("constant handled by caller");
            if (d == 1)
            {
                var term = ScaleBy(powers[0], c[1]);
                return c[0] == 0 ? term : AddConstant(term, c[0]);
            }
            int t = Depth.CeilLog2(d + 1) - 1; // 2^t ≤ d < 2^(t+1)
            int split = 1 << t;
            var q = c[..split];
            var r = c[split..(d + 1)];
            HeCiphertext high;
            int rd = r.Length - 1;
            while (rd > 0 && r[rd] == 0) rd--;
            if (rd == 0) high = ScaleBy(powers[t], r[0]);
            else
            {
                var rv = Eval(r[..(rd + 1)])!;
                high = ev.Multiply(powers[t], rv);
            }
            int qd = q.Length - 1;
            while (qd > 0 && q[qd] == 0) qd--;
            if (qd == 0) return q[0] == 0 ? high : AddConstant(high, q[0]);
            var low = Eval(q[..(qd + 1)])!;
            return ev.Add(low, high);
        }

        private HeCiphertext ScaleBy(HeCiphertext v, double coef)
        {
            if (mask is null) return ev.MultiplyConst(v, coef);
            var m = new double[mask.Length];
            for (int i = 0; i < m.Length; i++) m[i] = mask[i] * coef;
            return ev.MultiplyPlain(v, new SlotVector(m));
        }

        private HeCiphertext AddConstant(HeCiphertext v, double c0)
        {
            if (mask is null) return ev.AddConst(v, c0);
            var m = new double[mask.Length];
            for (int i = 0; i < m.Length; i++) m[i] = mask[i] * c0;
            return ev.AddPlain(v, new SlotVector(m));
        }
    }
}
