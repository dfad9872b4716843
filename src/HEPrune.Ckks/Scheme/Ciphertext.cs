using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>A CKKS ciphertext (c_0, c_1[, c_2]) in NTT form over q_0..q_level, with its scale; decrypts to c_0 + c_1·s (+ c_2·s²).</summary>
/// <remarks>
/// A plain managed object (no native memory). Evaluator methods write into a caller-given destination, which may be one of the inputs.
/// Different ciphertexts may be processed concurrently; one ciphertext must not be written by two threads at once.
/// </remarks>
public sealed class Ciphertext
{
    private readonly RnsPoly?[] _polys = new RnsPoly?[3];

    /// <summary>Creates a zero size-2 ciphertext at <paramref name="level"/> (default: the top level) and scale 1, e.g. as a destination.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If the level is outside [0, L].</exception>
    public Ciphertext(CkksParameters parameters, int? level = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int l = level ?? parameters.MaxLevel;
        if (l < 0 || l > parameters.MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), l, $"Ciphertext: level must be in [0, {parameters.MaxLevel}].");
        }

        Parameters = parameters;
        Scale = 1;
        Resize(l, 2);
    }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>Level l: the ciphertext lives modulo Q_l = q_0·…·q_l and allows l more rescales.</summary>
    public int Level { get; private set; }

    /// <summary>Number of polynomials (2, or 3 after a multiplication without relinearization).</summary>
    public int Size { get; private set; }

    /// <summary>Scale Δ of the encrypted message (the decrypted polynomial is Δ·m + noise).</summary>
    public double Scale { get; internal set; }

    /// <summary>True when the parameters are test-only (no security): results computed with them are not protected.</summary>
    public bool IsTestOnlyInsecure => Parameters.IsTestOnlyInsecure;

    /// <summary>Seed of c_1 for a fresh secret-key encryption (serialized in place of c_1), or null.</summary>
    internal byte[]? Seed { get; set; }

    /// <summary>Returns polynomial <paramref name="index"/> (0 ≤ index &lt; Size).</summary>
    internal RnsPoly Poly(int index) => _polys[index]!;

    /// <summary>Sets level and size, keeping the existing limbs of existing polynomials (new ones are allocated).</summary>
    internal void Resize(int level, int size)
    {
        int n = Parameters.N;
        for (int k = 0; k < size; k++)
        {
            if (_polys[k] is null)
            {
                _polys[k] = new RnsPoly(n, level + 1);
            }
            else
            {
                _polys[k]!.SetLimbCount(level + 1);
            }
        }

        Level = level;
        Size = size;
        Seed = null;
    }

    /// <summary>Returns a deep copy.</summary>
    public Ciphertext Clone()
    {
        var c = new Ciphertext(Parameters, Level);
        c.CopyFrom(this);
        return c;
    }

    /// <summary>Makes this ciphertext an exact copy of <paramref name="source"/> (same parameters required).</summary>
    internal void CopyFrom(Ciphertext source)
    {
        if (ReferenceEquals(source, this))
        {
            return;
        }

        Resize(source.Level, source.Size);
        for (int k = 0; k < source.Size; k++)
        {
            source.Poly(k).CopyTo(Poly(k));
        }

        Scale = source.Scale;
        Seed = source.Seed;
    }

    /// <inheritdoc />
    public override string ToString()
        => $"Ciphertext(size {Size}, level {Level}/{Parameters.MaxLevel}, scale 2^{Math.Log2(Scale):F2}, N=2^{Parameters.LogN}{(IsTestOnlyInsecure ? ", INSECURE test-only parameters" : "")})";
}
