using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace HEPrune.Ckks.Serialization;

/// <summary>Writes payload fields into a span (little-endian).</summary>
internal ref struct PayloadWriter
{
    private readonly Span<byte> _data;
    private int _pos;

    public PayloadWriter(Span<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    public readonly int Position => _pos;

    public void WriteInt32(int v)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_data[_pos..], v);
        _pos += 4;
    }

    public void WriteUInt64(ulong v)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_data[_pos..], v);
        _pos += 8;
    }

    public void WriteDouble(double v)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_data[_pos..], v);
        _pos += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> v)
    {
        v.CopyTo(_data[_pos..]);
        _pos += v.Length;
    }

    public void WriteResidues(ReadOnlySpan<ulong> v)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(v).CopyTo(_data[_pos..]);
        }
        else
        {
            for (int j = 0; j < v.Length; j++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(_data[(_pos + 8 * j)..], v[j]);
            }
        }

        _pos += v.Length * 8;
    }
}
