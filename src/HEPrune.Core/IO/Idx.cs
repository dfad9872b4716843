using System.Buffers.Binary;
using System.IO.Compression;

namespace HEPrune.Core.IO;

/// <summary>Reads unsigned-byte IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed.</summary>
/// <remarks>
/// An IDX file starts with a big-endian 32-bit magic: two zero bytes, the element type (0x08 = unsigned byte) and
/// the number of dimensions; then one big-endian 32-bit size per dimension, then the elements. Images files have magic
/// 2051 (3 dimensions N×rows×cols), label files 2049 (1 dimension N).
/// </remarks>
public static class Idx
{
    /// <summary>The magic number of an unsigned-byte 3-d IDX file (images).</summary>
    public const int ImagesMagic = 2051;

    /// <summary>The magic number of an unsigned-byte 1-d IDX file (labels).</summary>
    public const int LabelsMagic = 2049;

    /// <summary>Reads an images file (magic 2051) and returns the N×rows×cols bytes and the dimensions.</summary>
    public static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(string path)
    {
        var (data, dims) = Read(path, ImagesMagic, 3);
        return (data, dims[0], dims[1], dims[2]);
    }

    /// <summary>Reads a labels file (magic 2049) and returns the labels.</summary>
    public static byte[] ReadLabels(string path) => Read(path, LabelsMagic, 1).Data;

    /// <summary>Reads an unsigned-byte IDX file whose magic must be <paramref name="expectedMagic"/>; gzip is detected from the content.</summary>
    public static (byte[] Data, int[] Dims) Read(string path, int expectedMagic, int expectedRank)
    {
        using FileStream fs = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        bool gz = fs.Length >= 2 && fs.ReadByte() == 0x1F && fs.ReadByte() == 0x8B;
        fs.Position = 0;
        if (!gz)
        {
            return Read(fs, path, expectedMagic, expectedRank, fs.Length);
        }

        try
        {
            using var gzs = new GZipStream(fs, CompressionMode.Decompress);
            return Read(gzs, path, expectedMagic, expectedRank, null);
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(path, $"corrupt gzip stream: {ex.Message}", ex);
        }
    }

    private static (byte[] Data, int[] Dims) Read(Stream s, string path, int expectedMagic, int expectedRank, long? length)
    {
        Span<byte> head = stackalloc byte[4];
        if (Npy.ReadFully(s, head) < 4)
        {
            throw new DataFormatException(path, "file too short to be an IDX file");
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(head);
        if (magic != expectedMagic)
        {
            throw new DataFormatException(path, $"bad IDX magic number {magic} (expected {expectedMagic}: unsigned bytes, {expectedRank} dimension(s))");
        }

        var dims = new int[expectedRank];
        long count = 1;
        for (int i = 0; i < expectedRank; i++)
        {
            if (Npy.ReadFully(s, head) < 4)
            {
                throw new DataFormatException(path, "truncated IDX header");
            }

            dims[i] = BinaryPrimitives.ReadInt32BigEndian(head);
            if (dims[i] <= 0)
            {
                throw new DataFormatException(path, $"bad IDX dimension {i}: {dims[i]}");
            }

            count *= dims[i];
            if (count > Array.MaxLength)
            {
                throw new DataFormatException(path, $"IDX dimensions ({string.Join("×", dims[..(i + 1)])}) are too large");
            }
        }

        long headerLen = 4 + (4L * expectedRank);
        if (length is long len && len - headerLen != count)
        {
            throw new DataFormatException(path, len - headerLen < count
                ? $"truncated: dimensions {string.Join("×", dims)} need {count} data bytes but the file has {len - headerLen}"
                : $"size mismatch: dimensions {string.Join("×", dims)} need {count} data bytes but the file has {len - headerLen}");
        }

        var data = new byte[count];
        int got = Npy.ReadFully(s, data);
        if (got < count)
        {
            throw new DataFormatException(path, $"truncated: dimensions {string.Join("×", dims)} need {count} data bytes but only {got} follow the header");
        }

        if (length is null && s.ReadByte() >= 0)
        {
            throw new DataFormatException(path, $"size mismatch: more than the {count} data bytes of dimensions {string.Join("×", dims)} in the file");
        }

        return (data, dims);
    }
}
