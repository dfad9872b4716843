using System.Buffers.Binary;
using System.Text;

namespace HEPrune.Core.IO;

/// <summary>Reads and writes numpy .npy files (format versions 1.0, 2.0 and 3.0; little-endian u1/i1/i4/i8/f4/f8; C order).</summary>
/// <remarks>
/// Layout: the magic <c>\x93NUMPY</c>, a major and minor version byte, the header length (2 bytes little-endian in
/// version 1, 4 bytes in versions 2 and 3), the header (a Python dict literal, latin-1 in versions 1/2, UTF-8 in 3,
/// padded with spaces and ending in a newline), then the raw element bytes. Fortran-order arrays are refused.
/// </remarks>
public static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a .npy file from disk.</summary>
    public static NpyArray ReadFile(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(fs, path);
    }

    /// <summary>Reads one .npy array from <paramref name="stream"/>; <paramref name="source"/> names it in error messages.</summary>
    /// <remarks>The array must be the whole rest of the stream: trailing bytes are reported as a size mismatch.</remarks>
    public static NpyArray Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[8];
        int got = ReadFully(stream, prefix);
        if (got < 8 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new DataFormatException(source, got < 6
                ? $"file too short ({got} bytes) to be a .npy file"
                : "bad magic: not a .npy file (expected \\x93NUMPY)");
        }

        byte major = prefix[6], minor = prefix[7];
        if (major is not (1 or 2 or 3) || minor != 0)
        {
            throw new DataFormatException(source, $"unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0)");
        }

        int lenSize = major == 1 ? 2 : 4;
        Span<byte> lenBytes = stackalloc byte[4];
        if (ReadFully(stream, lenBytes[..lenSize]) < lenSize)
        {
            throw new DataFormatException(source, "truncated .npy header length");
        }

        long headerLen = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lenBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lenBytes);
        if (headerLen > 1 << 20)
        {
            throw new DataFormatException(source, $"implausible .npy header length {headerLen}");
        }

        var headerBytes = new byte[headerLen];
        if (ReadFully(stream, headerBytes) < headerLen)
        {
            throw new DataFormatException(source, $"truncated .npy header (expected {headerLen} bytes)");
        }

        string headerText = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        NpyHeader header = NpyHeader.Parse(headerText, source);
        if (header.FortranOrder)
        {
            throw new DataFormatException(source, "Fortran-order arrays are not supported (fortran_order is True); save with C order, e.g. np.ascontiguousarray");
        }

        if (!NpyDTypes.TryParseDescr(header.Descr, out NpyDType dtype))
        {
            throw new DataFormatException(source, $"unsupported dtype '{header.Descr}' (supported little-endian: u1, i1, i4, i8, f4, f8)");
        }

        long count;
        try
        {
            count = NpyArray.ElementCount(header.Shape);
        }
        catch (OverflowException)
        {
            throw new DataFormatException(source, $"shape ({string.Join(",", header.Shape)}) is too large");
        }

        long dataLen = count * NpyDTypes.ItemSize(dtype);
        if (dataLen > Array.MaxLength)
        {
            throw new DataFormatException(source, $"array of {dataLen} bytes is too large to load into memory");
        }

        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining != dataLen)
            {
                throw new DataFormatException(source, remaining < dataLen
                    ? $"truncated data: shape ({string.Join(",", header.Shape)}) of {header.Descr} needs {dataLen} bytes but only {remaining} follow the header"
                    : $"size mismatch: shape ({string.Join(",", header.Shape)}) of {header.Descr} needs {dataLen} bytes but {remaining} follow the header");
            }
        }

        var data = new byte[dataLen];
        int read = ReadFully(stream, data);
        if (read < dataLen)
        {
            throw new DataFormatException(source, $"truncated data: shape ({string.Join(",", header.Shape)}) of {header.Descr} needs {dataLen} bytes but only {read} follow the header");
        }

        if (!stream.CanSeek && stream.ReadByte() >= 0)
        {
            throw new DataFormatException(source, $"size mismatch: more than the {dataLen} bytes of shape ({string.Join(",", header.Shape)}) of {header.Descr} follow the header");
        }

        return new NpyArray(dtype, header.Shape, data);
    }

    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/> (via a temporary file renamed into place).</summary>
    public static void WriteFile(string path, NpyArray array)
    {
        string tmp = path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Write(fs, array);
        }

        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Writes <paramref name="array"/> as .npy: version 1.0 when the header fits in 65,535 bytes, else 2.0; header padded to a multiple of 64.</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        string dict = new NpyHeader(NpyDTypes.Descr(array.DType), false, array.GetShape()).Format();
        byte major = 1;
        int prefixLen = Magic.Length + 2 + 2;
        int total = Pad64(prefixLen + dict.Length + 1);
        if (total - prefixLen > ushort.MaxValue)
        {
            major = 2;
            prefixLen = Magic.Length + 2 + 4;
            total = Pad64(prefixLen + dict.Length + 1);
        }

        int headerLen = total - prefixLen;
        var buf = new byte[total];
        Magic.CopyTo(buf, 0);
        buf[6] = major;
        buf[7] = 0;
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buf.AsSpan(8), (ushort)headerLen);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buf.AsSpan(8), (uint)headerLen);
        }

        int pos = prefixLen + Encoding.Latin1.GetBytes(dict, buf.AsSpan(prefixLen));
        buf.AsSpan(pos, total - 1 - pos).Fill((byte)' ');
        buf[total - 1] = (byte)'\n';
        stream.Write(buf);
        stream.Write(array.RawBytes);
    }

    private static int Pad64(int n) => (n + 63) / 64 * 64;

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the number of bytes read.</summary>
    internal static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
