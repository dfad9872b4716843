using System.Runtime.InteropServices;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <summary>
/// A bounded, thread-safe least-recently-used cache of encoded plaintexts keyed by the content of a slot vector, the
/// level and the scale: circuits rebuild the same masks many times, and encoding (an FFT plus one NTT per prime) costs
/// far more than hashing and comparing the slots.
/// </summary>
/// <remarks>
/// Keys are content-based (a 64-bit hash of the bit patterns), and every hit is confirmed by comparing the stored copy
/// of the slots bit for bit, so a mutated or different vector never returns a stale plaintext. The size bound counts
/// the plaintext residues plus the stored slot copies; the least recently used entries are evicted first.
/// </remarks>
internal sealed class PlaintextCache
{
    private readonly object _lock = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _map = new();
    private readonly LinkedList<Entry> _lru = new();
    private long _bytes;

    /// <summary>Creates a cache holding at most <paramref name="capacityBytes"/> bytes (0 disables caching).</summary>
    public PlaintextCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    /// <summary>Largest number of bytes held.</summary>
    public long CapacityBytes { get; }

    /// <summary>Bytes currently held.</summary>
    public long Bytes { get { lock (_lock) return _bytes; } }

    /// <summary>Number of entries currently held.</summary>
    public int Count { get { lock (_lock) return _map.Count; } }

    /// <summary>Number of lookups answered from the cache.</summary>
    public long Hits { get; private set; }

    /// <summary>Number of lookups that had to encode.</summary>
    public long Misses { get; private set; }

    /// <summary>Returns the cached plaintext for (values, level, scale) or encodes and stores it.</summary>
    public Plaintext GetOrAdd(SlotVector values, int level, double scale, Func<SlotVector, int, double, Plaintext> encode)
    {
        var key = new Key(Hash(values), level, BitConverter.DoubleToInt64Bits(scale), values.Length, values.Imag is not null);
        if (CapacityBytes > 0)
        {
            lock (_lock)
            {
                if (_map.TryGetValue(key, out var node) && SameContent(node.Value, values))
                {
                    _lru.Remove(node);
                    _lru.AddFirst(node);
                    Hits++;
                    return node.Value.Plaintext;
                }
                Misses++;
            }
        }
        else
        {
            lock (_lock) Misses++;
        }
        var pt = encode(values, level, scale);
        if (CapacityBytes == 0) return pt;
        long bytes = 8L * pt.Parameters.N * (level + 1) + 8L * values.Length * (values.Imag is null ? 1 : 2);
        if (bytes > CapacityBytes) return pt;
        var entry = new Entry(key, (double[])values.Real.Clone(), (double[]?)values.Imag?.Clone(), pt, bytes);
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var old))
            {
                _lru.Remove(old);
                _map.Remove(key);
                _bytes -= old.Value.Bytes;
            }
            var node = _lru.AddFirst(entry);
            _map[key] = node;
            _bytes += bytes;
            while (_bytes > CapacityBytes && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _map.Remove(last.Value.Key);
                _bytes -= last.Value.Bytes;
            }
        }
        return pt;
    }

    /// <summary>Returns a 64-bit hash of the slot bit patterns (real, then imaginary).</summary>
    internal static ulong Hash(SlotVector v)
    {
        ulong h = 0xCBF29CE484222325UL ^ (ulong)v.Length;
        h = Mix(h, MemoryMarshal.Cast<double, ulong>(v.Real.AsSpan()));
        if (v.Imag is not null) h = Mix(h ^ 0x5bd1e995UL, MemoryMarshal.Cast<double, ulong>(v.Imag.AsSpan()));
        return h;
    }

    private static ulong Mix(ulong h, ReadOnlySpan<ulong> words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            h = (h ^ words[i]) * 0x9E3779B97F4A7C15UL;
            h ^= h >> 31;
        }
        return h;
    }

    private static bool SameContent(Entry e, SlotVector v)
    {
        if (!MemoryMarshal.Cast<double, ulong>(e.Real.AsSpan()).SequenceEqual(MemoryMarshal.Cast<double, ulong>(v.Real.AsSpan()))) return false;
        if (e.Imag is null || v.Imag is null) return e.Imag is null && v.Imag is null;
        return MemoryMarshal.Cast<double, ulong>(e.Imag.AsSpan()).SequenceEqual(MemoryMarshal.Cast<double, ulong>(v.Imag.AsSpan()));
    }

    private readonly record struct Key(ulong Hash, int Level, long ScaleBits, int Length, bool Complex);

    private sealed record Entry(Key Key, double[] Real, double[]? Imag, Plaintext Plaintext, long Bytes);
}
