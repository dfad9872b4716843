using System.Buffers.Binary;
using System.IO.Compression;

namespace HEPrune.Core.IO;

/// <summary>A decoded PNG: dimensions, stored channel count and 8-bit pixels (row-major, channels last).</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Channels">Channels per pixel after palette expansion: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA.</param>
/// <param name="Pixels">Height×Width×Channels bytes.</param>
public sealed record PngImage(int Width, int Height, int Channels, byte[] Pixels)
{
    /// <summary>Returns the pixels as RGB like Pillow's <c>convert("RGB")</c>: gray is replicated, alpha is dropped (not composited).</summary>
    public byte[] ToRgb()
    {
        if (Channels == 3)
        {
            return Pixels;
        }

        int n = Width * Height;
        var rgb = new byte[n * 3];
        for (int i = 0; i < n; i++)
        {
            switch (Channels)
            {
                case 1:
                case 2:
                    byte g = Pixels[i * Channels];
                    rgb[3 * i] = g;
                    rgb[(3 * i) + 1] = g;
                    rgb[(3 * i) + 2] = g;
                    break;
                case 4:
                    rgb[3 * i] = Pixels[4 * i];
                    rgb[(3 * i) + 1] = Pixels[(4 * i) + 1];
                    rgb[(3 * i) + 2] = Pixels[(4 * i) + 2];
                    break;
                default:
                    throw new InvalidOperationException($"unexpected channel count {Channels}");
            }
        }

        return rgb;
    }
}

/// <summary>A small, strict PNG decoder: 8-bit gray, RGB, palette, gray+alpha and RGBA; non-interlaced; all five filters; CRCs checked.</summary>
/// <remarks>Palette images are expanded to RGB (their tRNS transparency is ignored). Other bit depths, interlaced images and
/// unknown critical chunks are refused with a <see cref="DataFormatException"/> that names the source.</remarks>
public static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Decodes a PNG file from disk.</summary>
    public static PngImage DecodeFile(string path) => Decode(File.ReadAllBytes(path), path);

    /// <summary>Decodes the PNG in <paramref name="png"/>; <paramref name="source"/> names it in error messages.</summary>
    public static PngImage Decode(ReadOnlySpan<byte> png, string source)
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(Signature))
        {
            throw new DataFormatException(source, "bad PNG signature: not a PNG file");
        }

        int pos = 8;
        int width = 0, height = 0, colorType = -1;
        byte[]? palette = null;
        var idat = new MemoryStream();
        bool seenHeader = false, seenEnd = false;
        while (!seenEnd)
        {
            if (pos + 12 > png.Length)
            {
                throw new DataFormatException(source, $"truncated PNG: chunk header expected at byte {pos} of {png.Length} (no IEND)");
            }

            uint len = BinaryPrimitives.ReadUInt32BigEndian(png[pos..]);
            if (len > int.MaxValue || pos + 12L + len > png.Length)
            {
                throw new DataFormatException(source, $"truncated PNG: chunk at byte {pos} declares {len} bytes but the file ends at {png.Length}");
            }

            ReadOnlySpan<byte> typeAndData = png.Slice(pos + 4, 4 + (int)len);
            string type = System.Text.Encoding.ASCII.GetString(typeAndData[..4]);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png[(pos + 8 + (int)len)..]);
            uint actual = Crc32.Compute(typeAndData);
            if (crc != actual)
            {
                throw new DataFormatException(source, $"CRC mismatch in PNG chunk {type} at byte {pos} (stored {crc:X8}, computed {actual:X8})");
            }

            ReadOnlySpan<byte> data = typeAndData[4..];
            if (!seenHeader && type != "IHDR")
            {
                throw new DataFormatException(source, $"PNG must start with IHDR, found {type}");
            }

            switch (type)
            {
                case "IHDR":
                    if (seenHeader || len != 13)
                    {
                        throw new DataFormatException(source, "bad PNG IHDR chunk");
                    }

                    seenHeader = true;
                    (width, height, colorType) = ParseHeader(data, source);
                    break;
                case "PLTE":
                    if (len % 3 != 0 || len == 0 || len > 768)
                    {
                        throw new DataFormatException(source, $"bad PNG palette length {len}");
                    }

                    palette = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    seenEnd = true;
                    break;
                default:
                    if (char.IsAsciiLetterUpper(type[0]))
                    {
                        throw new DataFormatException(source, $"unsupported critical PNG chunk {type}");
                    }

                    break; // ancillary chunk: ignored
            }

            pos += 12 + (int)len;
        }

        if (colorType == 3 && palette is null)
        {
            throw new DataFormatException(source, "palette PNG without a PLTE chunk");
        }

        int stored = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        byte[] raw = Unfilter(Inflate(idat, width, height, stored, source), width, height, stored, source);
        if (colorType != 3)
        {
            return new PngImage(width, height, stored, raw);
        }

        int entries = palette!.Length / 3;
        var rgb = new byte[width * height * 3];
        for (int i = 0; i < raw.Length; i++)
        {
            int p = raw[i];
            if (p >= entries)
            {
                throw new DataFormatException(source, $"palette index {p} at pixel {i} exceeds the {entries}-entry palette");
            }

            rgb[3 * i] = palette[3 * p];
            rgb[(3 * i) + 1] = palette[(3 * p) + 1];
            rgb[(3 * i) + 2] = palette[(3 * p) + 2];
        }

        return new PngImage(width, height, 3, rgb);
    }

    private static (int Width, int Height, int ColorType) ParseHeader(ReadOnlySpan<byte> d, string source)
    {
        uint w = BinaryPrimitives.ReadUInt32BigEndian(d);
        uint h = BinaryPrimitives.ReadUInt32BigEndian(d[4..]);
        byte depth = d[8], colorType = d[9], compression = d[10], filter = d[11], interlace = d[12];
        if (w == 0 || h == 0 || w > 1 << 16 || h > 1 << 16)
        {
            throw new DataFormatException(source, $"unsupported PNG size {w}×{h}");
        }

        if (colorType is not (0 or 2 or 3 or 4 or 6))
        {
            throw new DataFormatException(source, $"invalid PNG color type {colorType}");
        }

        if (depth != 8)
        {
            throw new DataFormatException(source, $"unsupported PNG bit depth {depth} (only 8-bit images are supported)");
        }

        if (compression != 0 || filter != 0)
        {
            throw new DataFormatException(source, $"unknown PNG compression method {compression} or filter method {filter}");
        }

        if (interlace != 0)
        {
            throw new DataFormatException(source, "interlaced (Adam7) PNGs are not supported");
        }

        return ((int)w, (int)h, colorType);
    }

    private static byte[] Inflate(MemoryStream idat, int width, int height, int bpp, string source)
    {
        long expected = (long)height * (1 + ((long)width * bpp));
        var buf = new byte[expected];
        idat.Position = 0;
        try
        {
            using var z = new ZLibStream(idat, CompressionMode.Decompress);
            int got = Npy.ReadFully(z, buf);
            if (got < expected)
            {
                throw new DataFormatException(source, $"truncated PNG image data: {got} of {expected} bytes after inflating");
            }

            if (z.ReadByte() >= 0)
            {
                throw new DataFormatException(source, $"PNG image data inflates to more than the {expected} bytes of a {width}×{height} image");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(source, $"corrupt PNG zlib stream: {ex.Message}", ex);
        }

        return buf;
    }

    private static byte[] Unfilter(byte[] filtered, int width, int height, int bpp, string source)
    {
        int stride = width * bpp;
        var output = new byte[(long)stride * height];
        for (int y = 0; y < height; y++)
        {
            int filter = filtered[y * (stride + 1)];
            ReadOnlySpan<byte> src = filtered.AsSpan((y * (stride + 1)) + 1, stride);
            Span<byte> cur = output.AsSpan(y * stride, stride);
            ReadOnlySpan<byte> prev = y == 0 ? default : output.AsSpan((y - 1) * stride, stride);
            switch (filter)
            {
                case 0:
                    src.CopyTo(cur);
                    break;
                case 1:
                    for (int i = 0; i < stride; i++)
                    {
                        cur[i] = (byte)(src[i] + (i >= bpp ? cur[i - bpp] : 0));
                    }

                    break;
                case 2:
                    for (int i = 0; i < stride; i++)
                    {
                        cur[i] = (byte)(src[i] + (y > 0 ? prev[i] : 0));
                    }

                    break;
                case 3:
                    for (int i = 0; i < stride; i++)
                    {
                        int a = i >= bpp ? cur[i - bpp] : 0, b = y > 0 ? prev[i] : 0;
                        cur[i] = (byte)(src[i] + ((a + b) >> 1));
                    }

                    break;
                case 4:
                    for (int i = 0; i < stride; i++)
                    {
                        int a = i >= bpp ? cur[i - bpp] : 0, b = y > 0 ? prev[i] : 0, c = i >= bpp && y > 0 ? prev[i - bpp] : 0;
                        cur[i] = (byte)(src[i] + Paeth(a, b, c));
                    }

                    break;
                default:
                    throw new DataFormatException(source, $"invalid PNG filter type {filter} on row {y}");
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
