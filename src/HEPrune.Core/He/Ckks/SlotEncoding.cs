using System.Numerics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <summary>Converts between <see cref="SlotVector"/> and CKKS plaintexts (real vectors take the encoder's real path).</summary>
internal static class SlotEncoding
{
    /// <summary>Encodes the slots at the given level and actual scale; shorter vectors are zero-padded.</summary>
    public static Plaintext Encode(CkksEncoder encoder, SlotVector v, int level, double scale)
    {
        if (v.Imag is null) return encoder.Encode(v.Real, level, scale);
        var c = new Complex[v.Length];
        for (int i = 0; i < c.Length; i++) c[i] = new Complex(v.Real[i], v.Imag[i]);
        return encoder.Encode(c, level, scale);
    }

    /// <summary>Decodes a plaintext into a slot vector with both parts present.</summary>
    public static SlotVector Decode(CkksEncoder encoder, Plaintext pt)
    {
        var c = encoder.Decode(pt);
        var re = new double[c.Length];
        var im = new double[c.Length];
        for (int i = 0; i < c.Length; i++)
        {
            re[i] = c[i].Real;
            im[i] = c[i].Imaginary;
        }
        return new SlotVector(re, im);
    }
}
