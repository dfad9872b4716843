using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>An encoded message: one polynomial in NTT form over q_0..q_level, with its scale.</summary>
public sealed class Plaintext
{
    /// <summary>Creates a zero plaintext at <paramref name="level"/> with <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If the level is outside [0, L].</exception>
    public Plaintext(CkksParameters parameters, int level, double scale)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (level < 0 || level > parameters.MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Plaintext: level must be in [0, {parameters.MaxLevel}].");
        }

        Parameters = parameters;
        Level = level;
        Scale = scale;
        Poly = new RnsPoly(parameters.N, level + 1);
    }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>Level (number of data primes − 1).</summary>
    public int Level { get; private set; }

    /// <summary>Scale Δ of the encoding.</summary>
    public double Scale { get; internal set; }

    /// <summary>True when the parameters are test-only (no security).</summary>
    public bool IsTestOnlyInsecure => Parameters.IsTestOnlyInsecure;

    /// <summary>The NTT-form residues.</summary>
    internal RnsPoly Poly { get; }

    internal void SetLevel(int level)
    {
        Level = level;
        Poly.SetLimbCount(level + 1);
    }

    /// <inheritdoc />
    public override string ToString() => $"Plaintext(level {Level}, scale 2^{Math.Log2(Scale):F2}{(IsTestOnlyInsecure ? ", INSECURE test-only parameters" : "")})";
}
