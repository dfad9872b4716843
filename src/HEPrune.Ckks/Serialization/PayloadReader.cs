using System.Buffers.Binary;
using System.Runtime.InteropServices;
using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Serialization;

/// <summary>Reads payload fields with bounds checks that raise <see cref="CkksFormatException"/> naming the object and field.</summary>
internal ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _what;
    private int _pos;

    public PayloadReader(ReadOnlySpan<byte> data, string what)
    {
        _data = data;
        _what = what;
        _pos = 0;
    }

    public readonly int Remaining => _data.Length - _pos;

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public ulong ReadUInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public double ReadDouble(string field) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, field));

    public ReadOnlySpan<byte> ReadBytes(int count, string field) => Take(count, field);

    /// <summary>Reads <paramref name="destination"/>.Length residues and checks each is below <paramref name="q"/>.</summary>
    public void ReadResidues(Span<ulong> destination, Modulus q, string field)
    {
        ReadOnlySpan<byte> bytes = Take(destination.Length * 8, field);
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(destination));
        }
        else
        {
            for (int j = 0; j < destination.Length; j++)
            {
                destination[j] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(8 * j)..]);
            }
        }

        ulong m = q.Value;
        for (int j = 0; j < destination.Length; j++)
        {
            if (destination[j] >= m)
            {
                throw new CkksFormatException($"{_what}: {field} coefficient {j} = {destination[j]} is not below its modulus {m}.");
            }
        }
    }

    public readonly void EnsureEnd()
    {
        if (_pos != _data.Length)
        {
            throw new CkksFormatException($"{_what}: {_data.Length - _pos} unexpected trailing bytes.");
        }
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || count > _data.Length - _pos)
        {
            throw new CkksFormatException($"{_what}: truncated while reading {field} (need {count} bytes, {_data.Length - _pos} left).");
        }

        ReadOnlySpan<byte> s = _data.Slice(_pos, count);
        _pos += count;
        return s;
    }
}
