namespace HEPrune.Core.He;

/// <summary>
/// A plaintext vector of complex slots (real and imaginary parts as separate double arrays), encoded by the backend
/// at the level and scale of the ciphertext it is combined with.
/// </summary>
public sealed class SlotVector
{
    /// <summary>Wraps existing arrays (not copied). <paramref name="imag"/> may be null for a real vector.</summary>
    /// <exception cref="ArgumentException">The arrays have different lengths or are empty.</exception>
    public SlotVector(double[] real, double[]? imag = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        if (real.Length == 0)
            throw new ArgumentException("SlotVector: the real part is empty.", nameof(real));
        if (imag is not null && imag.Length != real.Length)
            throw new ArgumentException($"SlotVector: imaginary length {imag.Length} differs from real length {real.Length}.", nameof(imag));
        Real = real;
        Imag = imag;
    }

    /// <summary>Real parts of the slots.</summary>
    public double[] Real { get; }

    /// <summary>Imaginary parts of the slots, or null when all are zero.</summary>
    public double[]? Imag { get; }

    /// <summary>Number of slots.</summary>
    public int Length => Real.Length;

    /// <summary>True when the vector has no imaginary part.</summary>
    public bool IsReal => Imag is null;

    /// <summary>Creates a zero real vector of the given length.</summary>
    public static SlotVector Zeros(int slots) => new(new double[slots]);

    /// <summary>Creates a real vector with every slot equal to <paramref name="value"/>.</summary>
    public static SlotVector Filled(int slots, double value)
    {
        var r = new double[slots];
        Array.Fill(r, value);
        return new SlotVector(r);
    }
}
