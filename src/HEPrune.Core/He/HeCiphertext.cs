namespace HEPrune.Core.He;

/// <summary>
/// An opaque handle to an encrypted vector of complex slots, as seen by the server: it exposes its level, its scale
/// and its slot count, never its contents.
/// </summary>
/// <remarks>Each backend derives its own concrete type; evaluators reject handles from other backends.</remarks>
public abstract class HeCiphertext
{
    /// <summary>Initialises the metadata shared by all backends.</summary>
    protected HeCiphertext(int level, double scale, int slots)
    {
        Level = level;
        Scale = scale;
        Slots = slots;
    }

    /// <summary>Current level ℓ: the number of rescales (levels) still available.</summary>
    public int Level { get; }

    /// <summary>Current CKKS scale of the encoded message.</summary>
    public double Scale { get; }

    /// <summary>Number of complex slots.</summary>
    public int Slots { get; }

    /// <inheritdoc />
    public override string ToString() => $"Ciphertext(level={Level}, scale=2^{Math.Log2(Scale):F2}, slots={Slots})";
}
