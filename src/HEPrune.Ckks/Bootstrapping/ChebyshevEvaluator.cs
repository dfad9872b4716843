using System.Numerics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>
/// Evaluates a Chebyshev series Σ c_k·T_k(x) on a ciphertext whose slots hold real x in [−1, 1], with exact output scale, by baby-step
/// giant-step: p = q·T_G + r (Chebyshev division by a power-of-two T_G), recursively, down to series in the baby steps T_0..T_(2^b − 1).
/// </summary>
/// <remarks>
/// <para>Products. The baby steps T_2..T_(2^b−1) cost 2^b − 2 ciphertext products (T_(m+n) = 2·T_m·T_n − T_(m−n), with T_(m−n) first brought
/// to the product's scale by an exact-scale constant product), the giant steps T_(2^b), T_(2^(b+1)), … one squaring each, and every
/// division with a non-constant quotient one more product: about 2√d + log2 d in all instead of the d − 1 of the plain power basis (degree 20: 10 instead of 19).</para>
/// <para>Exact scales. A leaf series is combined at the level one above its output level: each c_k is encoded at scale
/// target·q/scale(T_k), the terms are summed and rescaled once, so the leaf lands exactly on the requested (level, scale). A quotient q
/// is evaluated to the scale target·q_(l+1)/scale(T_G), so q·T_G rescales exactly onto the target of its remainder. Depth: see
/// <see cref="Depth"/> (at most ⌈log2 d⌉ + 1; levels are checked as the evaluation proceeds).</para>
/// </remarks>
internal static class ChebyshevEvaluator
{
    /// <summary>
    /// Returns the number of levels <see cref="Evaluate"/> consumes for a series of degree <paramref name="degree"/>: a leaf of degree n
    /// needs ⌈log2 n⌉ + 1, a division by T_g needs max(quotient + 1, log2 g + 1, remainder) (degree 20: 5, against ⌈log2 20⌉ + 1 = 6 for the
    /// power basis, because the quotient's leaves are shallow).
    /// </summary>
    public static int Depth(int degree) => Need(Math.Max(degree, 0), BabyMax(Math.Max(degree, 1)));

    private static int Need(int n, int baby)
    {
        if (n <= baby)
        {
            return n <= 1 ? 1 : CeilLog2(n) + 1;
        }

        int g = 1 << (31 - BitOperations.LeadingZeroCount((uint)n));
        int logG = 31 - BitOperations.LeadingZeroCount((uint)g);
        int quotient = n > g ? Need(n - g, baby) + 1 : 0;
        return Math.Max(Math.Max(quotient, logG + 1), Need(g - 1, baby));
    }

    /// <summary>Largest baby step 2^b − 1 for degree d (b = ⌈log2(d + 1)/2⌉, at least 1).</summary>
    public static int BabyMax(int degree)
    {
        int b = Math.Max(1, (int)Math.Ceiling(Math.Log2(degree + 1) / 2));
        return (1 << b) - 1;
    }

    /// <summary>Returns the number of ciphertext-ciphertext products <see cref="Evaluate"/> performs for a series of degree d (dense coefficients).</summary>
    public static int ProductCount(int degree)
    {
        if (degree <= 1)
        {
            return 0;
        }

        int baby = Math.Min(BabyMax(degree), degree);
        int count = baby - 1;
        for (int g = baby + 1; g <= degree; g <<= 1)
        {
            count++; // giant step squaring
        }

        return count + Divisions(degree, BabyMax(degree));
    }

    /// <summary>Returns p(ct) at scale <paramref name="targetScale"/>, <see cref="Depth"/> levels below ct.</summary>
    public static Ciphertext Evaluate(Evaluator ev, Ciphertext x, ChebyshevSeries p, double targetScale)
    {
        int d = p.Degree;
        if (x.Level < Depth(d))
        {
            throw new LevelExhaustedException($"ChebyshevEvaluator: degree {d} needs {Depth(d)} levels but the input is at level {x.Level}.");
        }

        int baby = Math.Min(BabyMax(d), Math.Max(d, 1));
        var t = new Dictionary<int, Ciphertext> { [1] = x };
        for (int k = 2; k <= baby; k++)
        {
            int m = 1 << (CeilLog2(k) - 1), n = k - m; // m = largest power of two < k (k = m + n, 0 < n ≤ m)
            t[k] = Product(ev, t[m], t[n], m == n ? null : t[m - n]);
        }

        for (int g = baby + 1; g <= d; g <<= 1)
        {
            t[g] = Product(ev, t[g / 2], t[g / 2], null); // giant steps T_(2^j) = 2·T_(2^(j−1))² − 1
        }

        double[] coefficients = [.. p.Coefficients];
        return Eval(ev, t, baby, coefficients, x.Level - Depth(d), targetScale);
    }

    /// <summary>Evaluates Σ c_k T_k onto exactly (level, scale), dividing by giant steps while the degree exceeds the baby steps.</summary>
    private static Ciphertext Eval(Evaluator ev, Dictionary<int, Ciphertext> t, int baby, double[] c, int level, double scale)
    {
        int n = c.Length - 1;
        if (n <= baby)
        {
            return Combine(ev, t, c, level, scale);
        }

        int g = 1 << (31 - BitOperations.LeadingZeroCount((uint)n)); // largest power of two ≤ n (> baby)
        // T_(g+j) = 2·T_g·T_j − T_(g−j): quotient q_0 = c_g, q_j = 2·c_(g+j); remainder r_k = c_k − c_(2g−k) for g−k ∈ [1, n−g].
        var q = new double[n - g + 1];
        var r = new double[g];
        Array.Copy(c, r, g);
        q[0] = c[g];
        for (int j = 1; j <= n - g; j++)
        {
            q[j] = 2 * c[g + j];
            r[g - j] -= c[g + j];
        }

        Ciphertext tg = t[g];
        if (tg.Level < level + 1)
        {
            throw new LevelExhaustedException($"ChebyshevEvaluator: giant step T_{g} is at level {tg.Level}, below {level + 1}.");
        }

        if (n == g)
        {
            // Constant quotient: c_g·T_g is a scalar product, no ciphertext product needed.
            Ciphertext? term = null;
            var dropped = new Ciphertext(tg.Parameters, level + 1);
            var tmp = new Ciphertext(tg.Parameters, level + 1);
            double q1 = ev.Context.QModuli[level + 1].Value;
            Accumulate(ev, tg, c[g], level + 1, scale * q1, dropped, tmp, ref term);
            ev.Rescale(term!, term!);
            term!.Scale = scale;
            ev.Add(term, Eval(ev, t, baby, r, level, scale), term);
            return term;
        }

        var tgd = new Ciphertext(tg.Parameters, level + 1);
        ev.DropToLevel(tg, level + 1, tgd);
        double qScale = scale * ev.Context.QModuli[level + 1].Value / tgd.Scale;
        Ciphertext qc = Eval(ev, t, baby, q, level + 1, qScale);
        Ciphertext prod = ev.MultiplyRelinNew(qc, tgd);
        ev.Rescale(prod, prod);
        prod.Scale = scale; // = qScale·scale(T_g)/q_(level+1) up to floating-point rounding of the bookkeeping
        Ciphertext rc = Eval(ev, t, baby, r, level, scale);
        ev.Add(prod, rc, prod);
        return prod;
    }

    /// <summary>Σ c_k T_k (k ≤ baby) combined one level above <paramref name="level"/> and rescaled onto exactly (level, scale).</summary>
    private static Ciphertext Combine(Evaluator ev, Dictionary<int, Ciphertext> t, double[] c, int level, double scale)
    {
        int above = level + 1;
        double q = ev.Context.QModuli[above].Value;
        Ciphertext? acc = null;
        var tmp = new Ciphertext(t[1].Parameters, above);
        var dropped = new Ciphertext(t[1].Parameters, above);
        for (int k = 1; k < c.Length; k++)
        {
            if (c[k] == 0)
            {
                continue;
            }

            Accumulate(ev, t[k], c[k], above, scale * q, dropped, tmp, ref acc);
        }

        if (acc is null)
        {
            Accumulate(ev, t[1], 0, above, scale * q, dropped, tmp, ref acc);
        }

        ev.Rescale(acc!, acc!);
        acc!.Scale = scale;
        ev.AddConst(acc, c[0], acc);
        return acc;
    }

    private static void Accumulate(Evaluator ev, Ciphertext tk, double c, int level, double productScale, Ciphertext dropped, Ciphertext tmp, ref Ciphertext? acc)
    {
        if (tk.Level < level)
        {
            throw new LevelExhaustedException($"ChebyshevEvaluator: a baby step is at level {tk.Level}, below {level}.");
        }

        ev.DropToLevel(tk, level, dropped);
        ev.MultiplyConst(dropped, c, tmp, productScale / dropped.Scale);
        tmp.Scale = productScale;
        if (acc is null)
        {
            acc = tmp.Clone();
        }
        else
        {
            ev.Add(acc, tmp, acc);
        }
    }

    /// <summary>Returns 2·a·b − c (c brought to the product's scale exactly; c = null means the constant 1), rescaled.</summary>
    private static Ciphertext Product(Evaluator ev, Ciphertext a, Ciphertext b, Ciphertext? c)
    {
        Ciphertext prod = ev.MultiplyRelinNew(a, b);
        ev.MultiplyInteger(prod, 2, prod);
        ev.Rescale(prod, prod);
        if (c is null)
        {
            ev.AddConst(prod, -1, prod);
        }
        else
        {
            var aligned = new Ciphertext(a.Parameters, c.Level);
            CiphertextOps.MultiplyConstToScale(ev, c, Complex.One, prod.Scale, aligned);
            ev.Sub(prod, aligned, prod);
        }

        return prod;
    }

    private static int Divisions(int n, int baby)
    {
        if (n <= baby)
        {
            return 0;
        }

        int g = 1 << (31 - BitOperations.LeadingZeroCount((uint)n));
        return (n > g ? 1 : 0) + Divisions(n - g, baby) + Divisions(g - 1, baby);
    }

    private static int CeilLog2(int v) => v <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(v - 1));
}
