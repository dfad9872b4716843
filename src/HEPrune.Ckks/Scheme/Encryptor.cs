using System.Buffers;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Randomness;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>Encrypts plaintexts with the public key, or with the secret key (then c_1 is expanded from a 32-byte seed and serializes seeded).</summary>
/// <remarks>Thread-safe: every call draws its own OS-seeded <see cref="CsPrng"/>.</remarks>
public sealed class Encryptor
{
    private readonly CkksContext _ctx;
    private readonly PublicKey? _pk;
    private readonly SecretKey? _sk;

    /// <summary>Creates a public-key encryptor.</summary>
    /// <exception cref="ParametersMismatchException">If the key belongs to other parameters.</exception>
    public Encryptor(CkksContext context, PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(publicKey);
        context.CheckParameters(publicKey.Parameters, "Encryptor", "the public key");
        _ctx = context;
        _pk = publicKey;
    }

    /// <summary>Creates a secret-key (symmetric) encryptor; its ciphertexts serialize in seeded form (about half the size).</summary>
    /// <exception cref="ParametersMismatchException">If the key belongs to other parameters.</exception>
    public Encryptor(CkksContext context, SecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(secretKey);
        context.CheckParameters(secretKey.Parameters, "Encryptor", "the secret key");
        _ctx = context;
        _sk = secretKey;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into a new ciphertext at the plaintext's level and scale.</summary>
    public Ciphertext Encrypt(Plaintext plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var ct = new Ciphertext(_ctx.Parameters, plaintext.Level);
        Encrypt(plaintext, ct);
        return ct;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="destination"/> (level and scale taken from the plaintext).</summary>
    /// <exception cref="ParametersMismatchException">If an operand belongs to other parameters.</exception>
    public void Encrypt(Plaintext plaintext, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(destination);
        _ctx.CheckParameters(plaintext.Parameters, "Encrypt", "the plaintext");
        _ctx.CheckParameters(destination.Parameters, "Encrypt", "the destination");
        int level = plaintext.Level, limbs = level + 1, n = _ctx.N;
        destination.Resize(level, 2);
        RnsPoly c0 = destination.Poly(0), c1 = destination.Poly(1);
        using var prng = new CsPrng();
        long[] small = ArrayPool<long>.Shared.Rent(n); // pooled: error (and u) vectors, cleared before they go back
        try
        {
            Span<long> e = small.AsSpan(0, n);
            if (_sk is not null)
            {
                byte[] seed = CsPrng.NewSeed();
                ExpandSeed(_ctx, seed, c1, limbs);
                Sampler.Gaussian(prng, e);
                RingSampling.SmallToNtt(_ctx, small, n, c0.Buffer, limbs);
                Parallelism.For(limbs, n, i =>
                {
                    Modulus q = _ctx.QModuli[i];
                    Span<ulong> b = c0.Limb(i), a = c1.Limb(i), s = _sk.Poly.Limb(i), m = plaintext.Poly.Limb(i);
                    for (int j = 0; j < b.Length; j++)
                    {
                        b[j] = q.Add(q.Sub(b[j], q.Mul(a[j], s[j])), m[j]);
                    }
                });
                destination.Seed = seed;
            }
            else
            {
                using var uBuf = ScratchBuffer.Rent(limbs * n);
                ulong[] uArr = uBuf.Array;
                try
                {
                    Sampler.Ternary(prng, e);
                    RingSampling.SmallToNtt(_ctx, small, n, uArr, limbs);
                    Sampler.Gaussian(prng, e);
                    RingSampling.SmallToNtt(_ctx, small, n, c0.Buffer, limbs);
                    Sampler.Gaussian(prng, e);
                    RingSampling.SmallToNtt(_ctx, small, n, c1.Buffer, limbs);
                    Parallelism.For(limbs, n, i =>
                    {
                        Modulus q = _ctx.QModuli[i];
                        Span<ulong> b = c0.Limb(i), a = c1.Limb(i), ui = uArr.AsSpan(i * n, n), m = plaintext.Poly.Limb(i);
                        Span<ulong> pb = _pk!.B.Limb(i), pa = _pk.A.Limb(i);
                        for (int j = 0; j < b.Length; j++)
                        {
                            b[j] = q.Add(q.Add(b[j], q.Mul(pb[j], ui[j])), m[j]);
                            a[j] = q.Add(a[j], q.Mul(pa[j], ui[j]));
                        }
                    });
                }
                finally
                {
                    uBuf.Span.Clear();
                }
            }
        }
        finally
        {
            Array.Clear(small, 0, n);
            ArrayPool<long>.Shared.Return(small);
        }

        destination.Scale = plaintext.Scale;
    }

    /// <summary>Expands a 32-byte seed into the uniform polynomial c_1 over limbs [0, limbs) (shared with deserialization).</summary>
    internal static void ExpandSeed(CkksContext ctx, ReadOnlySpan<byte> seed, RnsPoly destination, int limbs)
    {
        using var prng = new CsPrng(seed);
        RingSampling.Uniform(ctx, prng, destination, limbs);
    }
}
