using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Scores;

/// <summary>
/// Evaluates a real polynomial on a ciphertext at the minimal depth ⌈log2(deg+1)⌉ by splitting
/// p = q + x^(2^t)·r recursively, with powers x^(2^j) computed by squaring and every coefficient multiplied into the
/// lowest factor of its term (so the coefficient's level runs in parallel with a squaring).
/// </summary>
/// <remarks>
/// Zero coefficients cost nothing, so an odd polynomial of degree 2^m − 1 costs (m − 1) squarings plus one Mult per
/// non-zero split: degree 7 odd = 5 Mult + 4 Const, degree 15 odd = 10 Mult + 8 Const (spec-validation §3).
/// Integer coefficients are free (IntConst). This is a local implementation for the pruning circuits; it uses only
/// <see cref="IHeEvaluator"/>.
/// </remarks>
public static class PowerSplitPolynomial
{
    /// <summary>Returns p(x) = Σ coefficients[i]·x^i evaluated homomorphically.</summary>
    /// <param name="evaluator">Server-side evaluator.</param>
    /// <param name="x">Input ciphertext.</param>
    /// <param name="coefficients">Coefficients a_0 … a_deg (at least one non-zero of degree ≥ 1).</param>
    /// <exception cref="ArgumentException">The polynomial is constant (nothing to evaluate on a ciphertext).</exception>
    public static HeCiphertext Evaluate(IHeEvaluator evaluator, HeCiphertext x, ReadOnlySpan<double> coefficients)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(x);
        int deg = Degree(coefficients);
        if (deg < 1)
            throw new ArgumentException("PowerSplitPolynomial.Evaluate: the polynomial is constant; nothing to evaluate.", nameof(coefficients));
        int t = Depth.CeilLog2(deg + 1);
        var powers = new HeCiphertext?[t];
        powers[0] = x;
        var (ct, constant) = Split(evaluator, powers, coefficients[..(deg + 1)], 0, t);
        if (ct is null)
            throw new ArgumentException("PowerSplitPolynomial.Evaluate: the polynomial is constant; nothing to evaluate.", nameof(coefficients));
        return constant == 0 ? ct : evaluator.AddConst(ct, constant);
    }

    /// <summary>Returns the multiplicative depth of <see cref="Evaluate"/> for these coefficients: ⌈log2(deg+1)⌉.</summary>
    public static int DepthOf(ReadOnlySpan<double> coefficients) => Depth.CeilLog2(Math.Max(1, Degree(coefficients)) + 1);

    /// <summary>Evaluates the polynomial on a double with Horner's rule (plaintext reference).</summary>
    public static double Plain(ReadOnlySpan<double> coefficients, double x)
    {
        double acc = 0;
        for (int i = coefficients.Length - 1; i >= 0; i--) acc = acc * x + coefficients[i];
        return acc;
    }

    private static int Degree(ReadOnlySpan<double> c)
    {
        for (int i = c.Length - 1; i >= 0; i--) if (c[i] != 0) return i;
        return -1;
    }

    /// <summary>Evaluates Σ_{i &lt; 2^t} c[lo+i]·x^i; returns (ciphertext part or null, plaintext constant part).</summary>
    private static (HeCiphertext? Ct, double Constant) Split(IHeEvaluator ev, HeCiphertext?[] powers, ReadOnlySpan<double> c, int lo, int t)
    {
        int len = 1 << t;
        bool any = false;
        for (int i = lo; i < lo + len && i < c.Length; i++) if (c[i] != 0) { any = true; break; }
        if (!any) return (null, 0.0);
        if (t == 0) return (null, c[lo]);

        int half = 1 << (t - 1);
        var (lowCt, lowK) = Split(ev, powers, c, lo, t - 1);
        var (highCt, highK) = Split(ev, powers, c, lo + half, t - 1);
        HeCiphertext? product = null;
        if (highCt is not null || highK != 0)
        {
            var pow = Power(ev, powers, t - 1);
            if (highCt is not null) product = ev.Multiply(pow, highCt);
            if (highK != 0)
            {
                var scaled = highK == 1.0 ? pow : ev.MultiplyConst(pow, highK);
                product = product is null ? scaled : ev.Add(product, scaled);
            }
        }
        HeCiphertext? ct = lowCt is null ? product : product is null ? lowCt : ev.Add(lowCt, product);
        return (ct, lowK);
    }

    /// <summary>Returns x^(2^j), squaring the previous power on first use.</summary>
    private static HeCiphertext Power(IHeEvaluator ev, HeCiphertext?[] powers, int j)
    {
        if (powers[j] is null) powers[j] = ev.Square(Power(ev, powers, j - 1));
        return powers[j]!;
    }
}
