using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using HEPrune.Core.IO;

namespace HEPrune.Core.Tests.IO;

/// <summary>A test-only PNG encoder applying a chosen filter per row (forward filters written independently of the decoder).</summary>
internal static class TestPngWriter
{
    public static byte[] Encode(int width, int height, int colorType, byte[] samples, Func<int, int> filterOfRow, byte[]? palette = null, int bitDepth = 8, int interlace = 0)
    {
        int bpp = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 1 };
        int stride = width * bpp;
        var raw = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            int f = filterOfRow(y);
            raw.WriteByte((byte)f);
            for (int i = 0; i < stride; i++)
            {
                int x = samples[(y * stride) + i];
                int a = i >= bpp ? samples[(y * stride) + i - bpp] : 0;
                int b = y > 0 ? samples[((y - 1) * stride) + i] : 0;
                int c = y > 0 && i >= bpp ? samples[((y - 1) * stride) + i - bpp] : 0;
                int pred = f switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => PaethReference(a, b, c),
                    _ => 0,
                };
                raw.WriteByte((byte)(x - pred));
            }
        }

        var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
        {
            zs.Write(raw.ToArray());
        }

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        ihdr[12] = (byte)interlace;
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "tEXt", Encoding.ASCII.GetBytes("Comment\0test"));
        if (palette is not null)
        {
            Chunk(png, "PLTE", palette);
        }

        // Split the image data over two IDAT chunks, as encoders may.
        byte[] zb = z.ToArray();
        int half = zb.Length / 2;
        Chunk(png, "IDAT", zb[..half]);
        Chunk(png, "IDAT", zb[half..]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The Paeth predictor exactly as written in the PNG specification (section 9.4).</summary>
    private static int PaethReference(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }

    public static void Chunk(Stream s, string type, byte[] data)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        Encoding.ASCII.GetBytes(type, head.AsSpan(4));
        s.Write(head);
        s.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute([.. head[4..], .. data]));
        s.Write(crc);
    }
}
