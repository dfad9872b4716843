namespace HEPrune.Core.He.Emulated;

/// <summary>
/// The emulated backend's ciphertext: the slot values in the clear (real and imaginary chunked arrays) plus CKKS metadata.
/// Only the emulated evaluator, client and codec read the values; server code sees an opaque <see cref="HeCiphertext"/>.
/// </summary>
public sealed class EmulatedCiphertext : HeCiphertext
{
    internal EmulatedCiphertext(SlotArray re, SlotArray? im, int level, double scale)
        : base(level, scale, re.Length)
    {
        Re = re;
        Im = im;
    }

    /// <summary>Real parts of the slots.</summary>
    internal SlotArray Re { get; }

    /// <summary>Imaginary parts, or null when exactly zero.</summary>
    internal SlotArray? Im { get; }
}
