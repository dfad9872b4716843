namespace HEPrune.Ckks.Bootstrapping;

/// <summary>A real polynomial p(x) = Σ_k c_k·T_k(x) in the Chebyshev basis on [−1, 1] (plaintext math only).</summary>
public sealed class ChebyshevSeries
{
    private readonly double[] _coefficients;

    /// <summary>Creates the series from its coefficients c_0 … c_d.</summary>
    /// <exception cref="ArgumentException">If there are no coefficients or one is not finite.</exception>
    public ChebyshevSeries(ReadOnlySpan<double> coefficients)
    {
        if (coefficients.Length == 0)
        {
            throw new ArgumentException("ChebyshevSeries: at least one coefficient is required.", nameof(coefficients));
        }

        foreach (double c in coefficients)
        {
            if (!double.IsFinite(c))
            {
                throw new ArgumentException($"ChebyshevSeries: coefficient {c} is not finite.", nameof(coefficients));
            }
        }

        _coefficients = coefficients.ToArray();
    }

    /// <summary>Degree d.</summary>
    public int Degree => _coefficients.Length - 1;

    /// <summary>The coefficients c_0 … c_d.</summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    /// <summary>
    /// Returns the degree-<paramref name="degree"/> Chebyshev interpolant of <paramref name="f"/> on [−1, 1] (interpolation at the d+1 Chebyshev
    /// nodes cos(π(j+½)/(d+1)); its error is within a factor ~(2 + (2/π)·ln d) of the best uniform approximation).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If the degree is negative.</exception>
    public static ChebyshevSeries Interpolate(Func<double, double> f, int degree)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentOutOfRangeException.ThrowIfNegative(degree);
        int m = degree + 1;
        var values = new double[m];
        for (int j = 0; j < m; j++)
        {
            values[j] = f(Math.Cos(Math.PI * (j + 0.5) / m));
        }

        var c = new double[m];
        for (int k = 0; k < m; k++)
        {
            double s = 0;
            for (int j = 0; j < m; j++)
            {
                s += values[j] * Math.Cos(Math.PI * k * (j + 0.5) / m);
            }

            c[k] = (k == 0 ? 1.0 : 2.0) * s / m;
        }

        return new ChebyshevSeries(c);
    }

    /// <summary>Evaluates p(x) by Clenshaw's recurrence (x in [−1, 1] for the usual error bounds).</summary>
    public double Evaluate(double x)
    {
        double b1 = 0, b2 = 0;
        for (int k = _coefficients.Length - 1; k >= 1; k--)
        {
            double b0 = 2 * x * b1 - b2 + _coefficients[k];
            b2 = b1;
            b1 = b0;
        }

        return x * b1 - b2 + _coefficients[0];
    }

    /// <summary>
    /// For an even series (odd coefficients zero) returns g with p(x) = g(T_2(x)) = g(2x² − 1), using T_(2k)(x) = T_k(T_2(x)).
    /// </summary>
    /// <exception cref="InvalidOperationException">If an odd coefficient is larger than <paramref name="tolerance"/> in magnitude.</exception>
    public ChebyshevSeries EvenPart(double tolerance = 1e-12)
    {
        var g = new double[Degree / 2 + 1];
        for (int k = 0; k < _coefficients.Length; k++)
        {
            if ((k & 1) == 0)
            {
                g[k / 2] = _coefficients[k];
            }
            else if (Math.Abs(_coefficients[k]) > tolerance)
            {
                throw new InvalidOperationException($"ChebyshevSeries.EvenPart: odd coefficient c_{k} = {_coefficients[k]:E3} is not negligible; the series is not even.");
            }
        }

        return new ChebyshevSeries(g);
    }

    /// <summary>Returns max |p(x) − f(x)| over <paramref name="samples"/> equispaced points of [−1, 1].</summary>
    public double MaxError(Func<double, double> f, int samples = 4097)
    {
        ArgumentNullException.ThrowIfNull(f);
        double max = 0;
        for (int i = 0; i < samples; i++)
        {
            double x = -1 + 2.0 * i / (samples - 1);
            max = Math.Max(max, Math.Abs(Evaluate(x) - f(x)));
        }

        return max;
    }
}
