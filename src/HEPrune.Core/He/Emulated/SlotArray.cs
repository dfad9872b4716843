namespace HEPrune.Core.He.Emulated;

/// <summary>
/// A vector of doubles stored in chunks of at most <see cref="MaxChunk"/> entries (64 KiB), so that every
/// per-operation result is a small-object allocation instead of a large-object-heap one (2^15 doubles = 256 KiB
/// would land on the LOH and trigger gen-2 collections at HETAL's operation rate).
/// </summary>
internal sealed class SlotArray
{
    /// <summary>Largest chunk length.</summary>
    public const int MaxChunk = 8192;

    private SlotArray(int length, bool zeroed)
    {
        Length = length;
        ChunkLength = Math.Min(length, MaxChunk);
        Chunks = new double[(length + ChunkLength - 1) / ChunkLength][];
        for (int c = 0; c < Chunks.Length; c++)
            Chunks[c] = zeroed ? new double[ChunkLength] : GC.AllocateUninitializedArray<double>(ChunkLength);
    }

    /// <summary>Number of entries.</summary>
    public int Length { get; }

    /// <summary>Entries per chunk (the slot count is a power of two, so all chunks have this length).</summary>
    public int ChunkLength { get; }

    /// <summary>The chunks.</summary>
    public double[][] Chunks { get; }

    /// <summary>Returns an array whose contents the caller will overwrite completely.</summary>
    public static SlotArray Uninitialized(int length) => new(length, zeroed: false);

    /// <summary>Returns an all-zero array.</summary>
    public static SlotArray Zeros(int length) => new(length, zeroed: true);

    /// <summary>Copies the first <paramref name="count"/> entries of a flat array; the rest are zero.</summary>
    public static SlotArray FromFlat(double[] source, int length, int count)
    {
        var a = Zeros(length);
        for (int c = 0, o = 0; c < a.Chunks.Length && o < count; c++, o += a.ChunkLength)
            Array.Copy(source, o, a.Chunks[c], 0, Math.Min(a.ChunkLength, count - o));
        return a;
    }

    /// <summary>Returns the entries as one flat array.</summary>
    public double[] ToFlat()
    {
        var r = new double[Length];
        for (int c = 0; c < Chunks.Length; c++) Array.Copy(Chunks[c], 0, r, c * ChunkLength, ChunkLength);
        return r;
    }

    /// <summary>Returns a deep copy.</summary>
    public SlotArray Clone()
    {
        var r = Uninitialized(Length);
        for (int c = 0; c < Chunks.Length; c++) Array.Copy(Chunks[c], r.Chunks[c], ChunkLength);
        return r;
    }

    /// <summary>Returns the array rotated left by <paramref name="left"/> (dst[i] = src[(i + left) mod n]).</summary>
    public SlotArray RotatedLeft(int left)
    {
        int n = Length, cl = ChunkLength;
        var r = Uninitialized(n);
        for (int c = 0; c < r.Chunks.Length; c++)
        {
            var dst = r.Chunks[c];
            int s = (c * cl + left) % n, done = 0;
            while (done < cl)
            {
                int sc = s / cl, so = s % cl;
                int len = Math.Min(cl - done, cl - so);
                Array.Copy(Chunks[sc], so, dst, done, len);
                done += len;
                s = (s + len) % n;
            }
        }
        return r;
    }

    /// <summary>Returns the chunk c of this array as a span.</summary>
    public ReadOnlySpan<double> Chunk(int c) => Chunks[c];
}
