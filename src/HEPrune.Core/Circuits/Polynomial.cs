namespace HEPrune.Core.Circuits;

/// <summary>A real polynomial in the power basis, c₀ + c₁x + … + c_d x^d, with a float64 Horner evaluation.</summary>
public sealed class Polynomial
{
    private readonly double[] _c;

    /// <summary>Creates a polynomial from its power-basis coefficients (index = power); trailing zeros are trimmed.</summary>
    /// <exception cref="ArgumentException">No coefficients, or a coefficient is not finite.</exception>
    public Polynomial(params double[] coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Length == 0) throw new ArgumentException("Polynomial: no coefficients.", nameof(coefficients));
        for (int i = 0; i < coefficients.Length; i++)
            if (!double.IsFinite(coefficients[i]))
                throw new ArgumentException($"Polynomial: coefficient {i} is {coefficients[i]}.", nameof(coefficients));
        int d = coefficients.Length - 1;
        while (d > 0 && coefficients[d] == 0) d--;
        _c = coefficients[..(d + 1)];
    }

    /// <summary>Degree d (0 for a constant).</summary>
    public int Degree => _c.Length - 1;

    /// <summary>Coefficients c₀ … c_d.</summary>
    public ReadOnlySpan<double> Coefficients => _c;

    /// <summary>Returns c_i (0 beyond the degree).</summary>
    public double this[int i] => (uint)i < (uint)_c.Length ? _c[i] : 0.0;

    /// <summary>True when every even-index coefficient is zero.</summary>
    public bool IsOdd
    {
        get
        {
            for (int i = 0; i < _c.Length; i += 2) if (_c[i] != 0) return false;
            return true;
        }
    }

    /// <summary>Evaluates the polynomial at x with Horner's rule in float64.</summary>
    public double Evaluate(double x)
    {
        double y = _c[^1];
        for (int i = _c.Length - 2; i >= 0; i--) y = y * x + _c[i];
        return y;
    }

    /// <summary>Returns a new polynomial with every coefficient multiplied by s.</summary>
    public Polynomial Scaled(double s)
    {
        var c = new double[_c.Length];
        for (int i = 0; i < c.Length; i++) c[i] = _c[i] * s;
        return new Polynomial(c);
    }
}
