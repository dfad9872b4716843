using HEPrune.Core.Circuits;
static class Fit
{
    // Least-squares fit of max(x,0) on [-1,1] (uniform weight) of degree d, monomial coefficients, by Legendre projection.
    public static double[] LeastSquaresRelu(int d)
    {
        int N = 400000; double h = 2.0 / N;
        var leg = new double[d + 1][]; // monomial coefficients of P_k
        leg[0] = new double[d + 1]; leg[0][0] = 1;
        if (d >= 1) { leg[1] = new double[d + 1]; leg[1][1] = 1; }
        for (int k = 1; k < d; k++)
        {
            leg[k + 1] = new double[d + 1];
            for (int i = 0; i <= d; i++)
            {
                double v = -k * leg[k - 1][i];
                if (i > 0) v += (2 * k + 1) * leg[k][i - 1];
                leg[k + 1][i] = v / (k + 1);
            }
        }
        var c = new double[d + 1];
        for (int k = 0; k <= d; k++)
        {
            // ∫_0^1 x P_k(x) dx by Simpson on [0,1]
            double s = 0; int M = N / 2; double hh = 1.0 / M;
            for (int j = 0; j <= M; j++) { double x = j * hh; double wgt = (j == 0 || j == M) ? 1 : (j % 2 == 1 ? 4 : 2); s += wgt * x * Eval(leg[k], x); }
            s *= hh / 3;
            double ck = (2 * k + 1) / 2.0 * s;
            for (int i = 0; i <= d; i++) c[i] += ck * leg[k][i];
        }
        return c;
    }
    public static double[] Derivative(double[] q) { var d = new double[q.Length - 1]; for (int i = 1; i < q.Length; i++) d[i - 1] = i * q[i]; return d; }
    public static double Eval(double[] q, double x) { double s = 0; for (int i = q.Length - 1; i >= 0; i--) s = s * x + q[i]; return s; }
    public static double MaxErr(double[] q) { double m = 0; for (int i = 0; i <= 20000; i++) { double x = -1 + 2.0 * i / 20000; m = Math.Max(m, Math.Abs(Math.Max(x, 0) - Eval(q, x))); } return m; }
}
static class SoftmaxImpl { }
