using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Scheme;

/// <summary>Decrypts ciphertexts with the secret key (client side only): m = c_0 + c_1·s (+ c_2·s²).</summary>
/// <remarks>Thread-safe (no mutable state).</remarks>
public sealed class Decryptor
{
    private readonly CkksContext _ctx;
    private readonly SecretKey _sk;

    /// <summary>Creates a decryptor.</summary>
    /// <exception cref="ParametersMismatchException">If the key belongs to other parameters.</exception>
    public Decryptor(CkksContext context, SecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(secretKey);
        context.CheckParameters(secretKey.Parameters, "Decryptor", "the secret key");
        _ctx = context;
        _sk = secretKey;
    }

    /// <summary>Decrypts into a new plaintext (same level and scale as the ciphertext).</summary>
    public Plaintext Decrypt(Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var pt = new Plaintext(_ctx.Parameters, ciphertext.Level, ciphertext.Scale);
        Decrypt(ciphertext, pt);
        return pt;
    }

    /// <summary>Decrypts <paramref name="ciphertext"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ParametersMismatchException">If an operand belongs to other parameters.</exception>
    public void Decrypt(Ciphertext ciphertext, Plaintext destination)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(destination);
        _ctx.CheckParameters(ciphertext.Parameters, "Decrypt", "the ciphertext");
        _ctx.CheckParameters(destination.Parameters, "Decrypt", "the destination");
        int limbs = ciphertext.Level + 1;
        destination.SetLevel(ciphertext.Level);
        destination.Scale = ciphertext.Scale;
        Rings.Parallelism.For(limbs, _ctx.N, i =>
        {
            Modulus q = _ctx.QModuli[i];
            Span<ulong> m = destination.Poly.Limb(i), s = _sk.Poly.Limb(i);
            Span<ulong> c0 = ciphertext.Poly(0).Limb(i), c1 = ciphertext.Poly(1).Limb(i);
            if (ciphertext.Size == 3)
            {
                Span<ulong> c2 = ciphertext.Poly(2).Limb(i);
                for (int j = 0; j < m.Length; j++)
                {
                    ulong t = q.Add(c1[j], q.Mul(c2[j], s[j])); // c1 + c2·s, then ·s
                    m[j] = q.Add(c0[j], q.Mul(t, s[j]));
                }
            }
            else
            {
                Rings.RnsMath.Mul(c1, s, m, q);           // vectorised for primes < 2^49
                Rings.RnsMath.Add(c0, m, m, q.Value);
            }
        });
    }
}
