namespace HEPrune.Ckks.Rings;

/// <summary>A polynomial of Z[X]/(X^N+1) in RNS form: limb-major residues in one contiguous array (limb i at [i·N, (i+1)·N)).</summary>
/// <remarks>
/// Which prime limb i refers to is decided by the owner (ciphertext limbs are q_0..q_l; extended polynomials append the special primes).
/// The buffer may be larger than <see cref="LimbCount"/>·N so that dropping levels never reallocates.
/// Not thread-safe for concurrent writes.
/// </remarks>
public sealed class RnsPoly
{
    private ulong[] _data;

    /// <summary>Allocates a zero polynomial with <paramref name="limbCount"/> limbs of degree <paramref name="n"/>.</summary>
    public RnsPoly(int n, int limbCount)
    {
        if (n <= 0 || limbCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limbCount), $"RnsPoly: degree and limb count must be positive (got N={n}, limbs={limbCount}).");
        }

        N = n;
        LimbCount = limbCount;
        _data = new ulong[(long)n * limbCount];
    }

    /// <summary>Ring degree N.</summary>
    public int N { get; }

    /// <summary>Number of RNS limbs currently in use.</summary>
    public int LimbCount { get; private set; }

    /// <summary>The residues of all limbs in use (limb-major).</summary>
    public Span<ulong> Data => _data.AsSpan(0, LimbCount * N);

    /// <summary>The backing array (length ≥ LimbCount·N).</summary>
    internal ulong[] Buffer => _data;

    /// <summary>Returns the residues of limb <paramref name="i"/>.</summary>
    public Span<ulong> Limb(int i)
    {
        if ((uint)i >= (uint)LimbCount)
        {
            throw new ArgumentOutOfRangeException(nameof(i), i, $"RnsPoly.Limb: limb index must be below {LimbCount}.");
        }

        return _data.AsSpan(i * N, N);
    }

    /// <summary>Sets the number of limbs in use, growing the buffer (keeping existing limbs) if needed.</summary>
    public void SetLimbCount(int limbCount)
    {
        if (limbCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limbCount), limbCount, "RnsPoly.SetLimbCount: must be positive.");
        }

        if ((long)limbCount * N > _data.Length)
        {
            Array.Resize(ref _data, limbCount * N);
        }

        LimbCount = limbCount;
    }

    /// <summary>Copies the limbs in use into <paramref name="destination"/> (which is resized to the same limb count).</summary>
    public void CopyTo(RnsPoly destination)
    {
        if (ReferenceEquals(destination, this))
        {
            return;
        }

        destination.SetLimbCount(LimbCount);
        Data.CopyTo(destination.Data);
    }

    /// <summary>Returns a deep copy.</summary>
    public RnsPoly Clone()
    {
        var c = new RnsPoly(N, LimbCount);
        Data.CopyTo(c.Data);
        return c;
    }
}
