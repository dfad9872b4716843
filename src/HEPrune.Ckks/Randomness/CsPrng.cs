using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HEPrune.Ckks.Randomness;

/// <summary>A cryptographically secure pseudo-random generator: AES-256 in counter mode keyed by a 32-byte seed.</summary>
/// <remarks>
/// The seed comes from the OS (<see cref="RandomNumberGenerator"/>) unless given explicitly (for expanding a public seeded value such as
/// the uniform half of a secret-key ciphertext). Counter blocks are encrypted in batches with AES-ECB (AES-NI), which is CTR mode.
/// Not thread-safe: use one instance per operation/thread.
/// </remarks>
public sealed class CsPrng : IDisposable
{
    /// <summary>Seed length in bytes.</summary>
    public const int SeedSize = 32;

    private const int BlocksPerBatch = 512;
    private readonly Aes _aes;
    private readonly byte[] _counters = new byte[16 * BlocksPerBatch];
    private readonly byte[] _buffer = new byte[16 * BlocksPerBatch];
    private ulong _counter;
    private int _position;

    /// <summary>Creates a generator from a fresh OS-random seed.</summary>
    public CsPrng()
        : this(RandomNumberGenerator.GetBytes(SeedSize))
    {
    }

    /// <summary>Creates a generator that expands <paramref name="seed"/> deterministically.</summary>
    /// <exception cref="ArgumentException">If the seed is not <see cref="SeedSize"/> bytes.</exception>
    public CsPrng(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException($"CsPrng: seed must be {SeedSize} bytes, got {seed.Length}.", nameof(seed));
        }

        _aes = Aes.Create();
        _aes.Key = seed.ToArray();
        _position = _buffer.Length;
    }

    /// <summary>Returns a fresh OS-random seed.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedSize);

    /// <summary>Fills <paramref name="destination"/> with pseudo-random bytes.</summary>
    public void Fill(Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            if (_position == _buffer.Length)
            {
                Refill();
            }

            int take = Math.Min(destination.Length, _buffer.Length - _position);
            _buffer.AsSpan(_position, take).CopyTo(destination);
            _position += take;
            destination = destination[take..];
        }
    }

    /// <summary>Returns 64 pseudo-random bits.</summary>
    public ulong NextUInt64()
    {
        if (_buffer.Length - _position < 8)
        {
            Refill();
        }

        ulong v = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(_position, 8));
        _position += 8;
        return v;
    }

    /// <summary>Returns a uniform integer in [0, bound) without modulo bias (rejection sampling).</summary>
    /// <exception cref="ArgumentOutOfRangeException">If bound is 0.</exception>
    public ulong NextBelow(ulong bound)
    {
        if (bound == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), "CsPrng.NextBelow: bound must be positive.");
        }

        ulong mask = bound == 1 ? 0 : ulong.MaxValue >> System.Numerics.BitOperations.LeadingZeroCount(bound - 1);
        while (true)
        {
            ulong v = NextUInt64() & mask;
            if (v < bound)
            {
                return v;
            }
        }
    }

    /// <summary>Returns a uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Releases the AES key schedule.</summary>
    public void Dispose() => _aes.Dispose();

    private void Refill()
    {
        for (int i = 0; i < BlocksPerBatch; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_counters.AsSpan(16 * i, 8), _counter++);
        }

        _aes.EncryptEcb(_counters, _buffer, PaddingMode.None);
        _position = 0;
    }
}
