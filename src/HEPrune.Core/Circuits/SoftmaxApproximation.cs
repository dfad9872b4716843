namespace HEPrune.Core.Circuits;

/// <summary>
/// Constants of HETAL's "normal" softmax approximation (spec §2.5) and its float64 row reference, which follows the
/// same algorithm as <see cref="SoftmaxCircuit"/> operation by operation.
/// </summary>
public static class SoftmaxApproximation
{
    /// <summary>Base radius r of domain extension.</summary>
    public const double BaseRadius = 8;

    /// <summary>Domain-extension ratio L.</summary>
    public const double Ratio = 2;

    /// <summary>Domain-extension steps n.</summary>
    public const int Steps = 5;

    /// <summary>R_max = (r/2)·L^n = 128; logits are normalised by 2·R_max = 256.</summary>
    public const double RMax = 128;

    /// <summary>Coefficients c₀…c₈ of the near-Taylor exp(v) polynomial on [−1, 0].</summary>
    public static Polynomial Exp { get; } = new(
        1.000000001945585, 0.9999999388932228, 0.499999859398392, 0.16666798775227673, 0.04166711228500117,
        0.008328336039797088, 0.0013881473292497602, 0.00020492629147503022, 2.551385701569812e-05);

    /// <summary>Number of squarings after the exp polynomial (exp(u) = exp(u/8)^8).</summary>
    public const int ExpSquarings = 3;

    /// <summary>Returns the cubic coefficient of domain-extension step i in the normalised variable w = u/(2R_max): w ← w − k·w³.</summary>
    public static double DomainExtensionCoefficient(int i) => SoftmaxSettings.Hetal.DomainExtensionCoefficient(i);

    /// <summary>
    /// Computes the approximate softmax of one row of logits z (length c) into p, exactly as the slot circuit does
    /// (tournament max over the c_pad-periodic row, domain extension, exp, Goldschmidt inverse).
    /// </summary>
    /// <exception cref="ArgumentException">The spans have different lengths or fewer than 2 classes.</exception>
    public static void ReferenceRow(ReadOnlySpan<double> z, Span<double> p) => ReferenceRow(z, p, SoftmaxSettings.Hetal);

    /// <summary>As <see cref="ReferenceRow(ReadOnlySpan{double}, Span{double})"/> with the given domain-extension settings.</summary>
    /// <exception cref="ArgumentException">The spans have different lengths or fewer than 2 classes.</exception>
    public static void ReferenceRow(ReadOnlySpan<double> z, Span<double> p, SoftmaxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        double rMax = settings.RMax;
        int c = z.Length;
        if (c < 2 || p.Length != c)
            throw new ArgumentException($"SoftmaxApproximation.ReferenceRow: need >= 2 logits and an output of the same length (got {c} and {p.Length}).");
        int cPad = 1 << He.Depth.CeilLog2(c);
        Span<double> x = stackalloc double[cPad];
        Span<double> m = stackalloc double[cPad];
        Span<double> next = stackalloc double[cPad];
        for (int j = 0; j < cPad; j++) x[j] = j < c ? z[j] / (2 * rMax) : -0.5;
        x.CopyTo(m);
        for (int step = 1; step < cPad; step <<= 1)
        {
            for (int j = 0; j < cPad; j++) next[j] = Comparison.MaxReference(m[j], m[(j + step) % cPad]);
            next.CopyTo(m);
        }
        double m0 = m[0];
        double sum = 0;
        for (int j = 0; j < c; j++)
        {
            double w = x[j] - m0;
            for (int i = settings.Steps - 1; i >= 0; i--) w -= settings.DomainExtensionCoefficient(i) * w * w * w;
            double e = Exp.Evaluate(settings.ExpArgumentScale * w);
            for (int k = 0; k < settings.ExpSquarings; k++) e *= e;
            p[j] = e;
            sum += e;
        }
        double t = GoldschmidtInverse.Reference(sum / GoldschmidtInverse.DefaultR);
        for (int j = 0; j < c; j++) p[j] *= t;
    }

    /// <summary>Computes the exact softmax of one row into p (max-shifted, float64).</summary>
    public static void ExactRow(ReadOnlySpan<double> z, Span<double> p)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z) max = Math.Max(max, v);
        double s = 0;
        for (int j = 0; j < z.Length; j++)
        {
            p[j] = Math.Exp(z[j] - max);
            s += p[j];
        }
        for (int j = 0; j < z.Length; j++) p[j] /= s;
    }
}
