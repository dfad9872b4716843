using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HEPrune.Core.IO;

/// <summary>An n-dimensional array as stored in a .npy file: element type, C-order shape and little-endian raw bytes.</summary>
public sealed class NpyArray
{
    private readonly byte[] _data;
    private readonly int[] _shape;

    /// <summary>Wraps <paramref name="data"/> (little-endian, C order) with the given type and shape; the byte count must match.</summary>
    public NpyArray(NpyDType dtype, int[] shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = ElementCount(shape);
        long bytes = count * NpyDTypes.ItemSize(dtype);
        if (bytes != data.LongLength)
        {
            throw new ArgumentException($"shape ({string.Join(",", shape)}) of {NpyDTypes.Descr(dtype)} needs {bytes} bytes but {data.LongLength} were given", nameof(data));
        }

        DType = dtype;
        _shape = (int[])shape.Clone();
        _data = data;
    }

    /// <summary>The element type.</summary>
    public NpyDType DType { get; }

    /// <summary>The shape (C order); empty for a 0-d scalar.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements (product of the shape; 1 for a scalar).</summary>
    public long Count => _data.LongLength / NpyDTypes.ItemSize(DType);

    /// <summary>The raw little-endian element bytes in C order.</summary>
    public ReadOnlySpan<byte> RawBytes => _data;

    /// <summary>Returns the shape as a new array.</summary>
    public int[] GetShape() => (int[])_shape.Clone();

    /// <summary>Returns a text such as <c>&lt;f4 (3,4)</c> for messages.</summary>
    public override string ToString() => $"{NpyDTypes.Descr(DType)} ({string.Join(",", _shape)}{(_shape.Length == 1 ? "," : "")})";

    /// <summary>Creates an array from typed elements (byte, sbyte, int, long, float or double) and a shape; the data is copied.</summary>
    public static NpyArray Create<T>(ReadOnlySpan<T> values, params int[] shape)
        where T : unmanaged
    {
        NpyDType dtype = DTypeOf<T>();
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            SwapInPlace(bytes, NpyDTypes.ItemSize(dtype));
        }

        return new NpyArray(dtype, shape, bytes);
    }

    /// <summary>Creates an array from typed elements (byte, sbyte, int, long, float or double) and a shape; the data is copied.</summary>
    public static NpyArray Create<T>(T[] values, params int[] shape)
        where T : unmanaged => Create((ReadOnlySpan<T>)values, shape);

    /// <summary>Returns the elements as <typeparamref name="T"/>; the type must match <see cref="DType"/> exactly (no conversion).</summary>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        NpyDType want = DTypeOf<T>();
        if (want != DType)
        {
            throw new InvalidOperationException($"array is {this}, not {NpyDTypes.Descr(want)}; use ToDoubleArray/ToInt32Array to convert");
        }

        var result = new T[Count];
        Span<byte> dst = MemoryMarshal.AsBytes(result.AsSpan());
        _data.AsSpan().CopyTo(dst);
        if (!BitConverter.IsLittleEndian)
        {
            SwapInPlace(dst, NpyDTypes.ItemSize(DType));
        }

        return result;
    }

    /// <summary>Returns the elements converted to double (exact for all supported types except int64 beyond 2^53).</summary>
    public double[] ToDoubleArray()
    {
        var result = new double[Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ElementAsDouble(i);
        }

        return result;
    }

    /// <summary>Returns integer elements converted to int; throws for float types or values outside the int range.</summary>
    public int[] ToInt32Array()
    {
        var result = new int[Count];
        ReadOnlySpan<byte> d = _data;
        for (int i = 0; i < result.Length; i++)
        {
            long v = DType switch
            {
                NpyDType.UInt8 => d[i],
                NpyDType.Int8 => (sbyte)d[i],
                NpyDType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(d.Slice(4 * i)),
                NpyDType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(d.Slice(8 * i)),
                _ => throw new InvalidOperationException($"array is {this}; integer elements were expected"),
            };
            if (v < int.MinValue || v > int.MaxValue)
            {
                throw new OverflowException($"element {i} = {v} of {this} does not fit in int");
            }

            result[i] = (int)v;
        }

        return result;
    }

    private double ElementAsDouble(int i)
    {
        ReadOnlySpan<byte> d = _data;
        return DType switch
        {
            NpyDType.UInt8 => d[i],
            NpyDType.Int8 => (sbyte)d[i],
            NpyDType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(d.Slice(4 * i)),
            NpyDType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(d.Slice(8 * i)),
            NpyDType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(d.Slice(4 * i)),
            NpyDType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(d.Slice(8 * i)),
            _ => throw new InvalidOperationException("unknown dtype"),
        };
    }

    /// <summary>Returns the element count of <paramref name="shape"/>, rejecting negative dimensions and overflow.</summary>
    internal static long ElementCount(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"negative dimension {dim} in shape");
            }

            count = checked(count * dim);
        }

        return count;
    }

    /// <summary>Maps a CLR element type to its dtype.</summary>
    internal static NpyDType DTypeOf<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return NpyDType.UInt8;
        if (typeof(T) == typeof(sbyte)) return NpyDType.Int8;
        if (typeof(T) == typeof(int)) return NpyDType.Int32;
        if (typeof(T) == typeof(long)) return NpyDType.Int64;
        if (typeof(T) == typeof(float)) return NpyDType.Float32;
        if (typeof(T) == typeof(double)) return NpyDType.Float64;
        throw new NotSupportedException($"element type {typeof(T).Name} has no supported .npy dtype (byte, sbyte, int, long, float, double)");
    }

    private static void SwapInPlace(Span<byte> bytes, int itemSize)
    {
        if (itemSize == 1)
        {
            return;
        }

        for (int i = 0; i < bytes.Length; i += itemSize)
        {
            bytes.Slice(i, itemSize).Reverse();
        }
    }
}
