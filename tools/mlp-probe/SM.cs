using HEPrune.Core.Circuits;
static class SM
{
    public static bool Debug;
    public static void Exact(ReadOnlySpan<double> z, Span<double> p) => SoftmaxApproximation.ExactRow(z, p);
    public static double ExactP(ReadOnlySpan<double> z, int y)
    {
        double m = double.NegativeInfinity; foreach (var v in z) m = Math.Max(m, v);
        double s = 0; foreach (var v in z) s += Math.Exp(v - m); return Math.Exp(z[y] - m) / s;
    }
    // HETAL's normal softmax with n domain-extension steps: R_max = 4·2^n, normalise by 2 R_max.
    public static void Hetal(ReadOnlySpan<double> z, Span<double> p, int steps, double r = 8, double invR = 100)
    {
        double rMax = r / 2 * Math.Pow(2, steps); int sq = (int)Math.Round(Math.Log2(r));
        int c = z.Length; int cPad = 16;
        Span<double> x = stackalloc double[cPad]; Span<double> m = stackalloc double[cPad]; Span<double> next = stackalloc double[cPad];
        for (int j = 0; j < cPad; j++) x[j] = j < c ? z[j] / (2 * rMax) : -0.5;
        x.CopyTo(m);
        for (int step = 1; step < cPad; step <<= 1) { for (int j = 0; j < cPad; j++) next[j] = Comparison.MaxReference(m[j], m[(j + step) % cPad]); next.CopyTo(m); }
        double m0 = m[0], sum = 0; if (Debug) Console.WriteLine($"m0*2R {m0*2*rMax}");
        for (int j = 0; j < c; j++)
        {
            double w = x[j] - m0;
            for (int i = steps - 1; i >= 0; i--) { double k = 4.0 / 27 * (2 * rMax) * (2 * rMax) / (r * r * Math.Pow(2, 2 * i)); w -= k * w * w * w; }
            double e = SoftmaxApproximation.Exp.Evaluate(2 * rMax / r * w);
            for (int k = 0; k < sq; k++) e *= e;
            p[j] = e; sum += e; if (Debug) Console.WriteLine($"j {j} w {w*2*rMax} e {e}");
        }
        double t = GoldschmidtInverse.Reference(sum / invR, invR);
        for (int j = 0; j < c; j++) p[j] *= t;
    }
}
