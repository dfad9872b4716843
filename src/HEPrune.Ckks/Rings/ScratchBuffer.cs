using System.Buffers;

namespace HEPrune.Ckks.Rings;

/// <summary>A pooled ulong buffer leased from <see cref="ArrayPool{T}.Shared"/>; dispose it (with <c>using</c>) to return it.</summary>
/// <remarks>The contents are not cleared on rent. Thread-safe to rent from any thread; each lease belongs to one caller.</remarks>
public readonly struct ScratchBuffer : IDisposable
{
    private readonly ulong[] _array;

    private ScratchBuffer(ulong[] array, int length)
    {
        _array = array;
        Length = length;
    }

    /// <summary>Number of usable elements.</summary>
    public int Length { get; }

    /// <summary>The underlying pooled array (length ≥ <see cref="Length"/>); for lambdas that cannot capture spans.</summary>
    internal ulong[] Array => _array;

    /// <summary>The usable elements.</summary>
    public Span<ulong> Span => _array.AsSpan(0, Length);

    /// <summary>Leases a buffer of at least <paramref name="length"/> elements (uninitialised).</summary>
    public static ScratchBuffer Rent(int length) => new(ArrayPool<ulong>.Shared.Rent(length), length);

    /// <summary>Returns a sub-span of the lease (limb <paramref name="i"/> of a limb-major layout of degree <paramref name="n"/>).</summary>
    public Span<ulong> Limb(int i, int n) => _array.AsSpan(i * n, n);

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        if (_array is not null)
        {
            ArrayPool<ulong>.Shared.Return(_array);
        }
    }
}
