using System.Text;
using HEPrune.Core.IO;

namespace HEPrune.Core.Tests.IO;

public class PngTests
{
    [Fact]
    public void Crc32_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xAE426082u, Crc32.Compute(Encoding.ASCII.GetBytes("IEND"))); // the CRC every PNG ends with
    }

    [Fact]
    public void Decodes_a_hand_built_file()
    {
        // 2×2 RGB written with Python's zlib/struct: row 0 filter None (red, green), row 1 filter Sub (blue, (255,1,254)).
        byte[] png = Convert.FromHexString(
            "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73000000154944415478da63f8cfc0c0f09f811148fc67fc0f001df904fe23de7d5d0000000049454e44ae426082");
        PngImage img = Png.Decode(png, "hand.png");
        Assert.Equal((2, 2, 3), (img.Width, img.Height, img.Channels));
        Assert.Equal([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 1, 254], img.Pixels);
    }

    private static byte[] Noise(int n, int seed)
    {
        var r = new Random(seed);
        var b = new byte[n];
        r.NextBytes(b);
        return b;
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    [InlineData(4, 2)]
    [InlineData(6, 4)]
    public void Every_filter_type_round_trips_for_every_color_type(int colorType, int channels)
    {
        const int w = 13, h = 11;
        byte[] samples = Noise(w * h * channels, colorType);
        byte[] png = TestPngWriter.Encode(w, h, colorType, samples, y => y % 5);
        PngImage img = Png.Decode(png, "t.png");
        Assert.Equal((w, h, channels), (img.Width, img.Height, img.Channels));
        Assert.Equal(samples, img.Pixels);
    }

    [Fact]
    public void Smooth_images_round_trip_with_each_filter_alone()
    {
        const int w = 17, h = 9;
        var samples = new byte[w * h * 3];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (byte)((i * 7 / 3) + (i % 5 * 40));
        }

        for (int f = 0; f < 5; f++)
        {
            Assert.Equal(samples, Png.Decode(TestPngWriter.Encode(w, h, 2, samples, _ => f), $"f{f}.png").Pixels);
        }
    }

    [Fact]
    public void Palette_and_conversion_to_rgb_follow_pillow()
    {
        byte[] palette = [10, 20, 30, 200, 100, 0, 1, 2, 3];
        byte[] idx = [0, 1, 2, 1, 0, 2];
        PngImage pal = Png.Decode(TestPngWriter.Encode(3, 2, 3, idx, y => y + 1, palette), "p.png");
        Assert.Equal(3, pal.Channels);
        Assert.Equal([10, 20, 30, 200, 100, 0, 1, 2, 3, 200, 100, 0, 10, 20, 30, 1, 2, 3], pal.Pixels);

        PngImage gray = Png.Decode(TestPngWriter.Encode(2, 1, 0, [7, 250], _ => 0), "g.png");
        Assert.Equal([7, 7, 7, 250, 250, 250], gray.ToRgb());
        PngImage ga = Png.Decode(TestPngWriter.Encode(2, 1, 4, [7, 0, 250, 128], _ => 0), "ga.png");
        Assert.Equal([7, 7, 7, 250, 250, 250], ga.ToRgb());
        PngImage rgba = Png.Decode(TestPngWriter.Encode(1, 1, 6, [1, 2, 3, 0], _ => 0), "a.png");
        Assert.Equal([1, 2, 3], rgba.ToRgb()); // alpha dropped, not composited
    }

    [Fact]
    public void Out_of_range_palette_index_is_reported()
    {
        byte[] png = TestPngWriter.Encode(2, 1, 3, [0, 5], _ => 0, [1, 2, 3, 4, 5, 6]);
        Assert.Contains("palette index 5", Assert.Throws<DataFormatException>(() => Png.Decode(png, "p.png")).Message);
    }

    [Theory]
    [InlineData(16, 0, 2, "bit depth 16")]
    [InlineData(8, 1, 2, "interlaced")]
    [InlineData(8, 0, 5, "color type 5")]
    public void Unsupported_variants_are_refused(int depth, int interlace, int colorType, string expected)
    {
        byte[] png = TestPngWriter.Encode(2, 2, colorType, new byte[12], _ => 0, bitDepth: depth, interlace: interlace);
        var ex = Assert.Throws<DataFormatException>(() => Png.Decode(png, "u.png"));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("u.png: ", ex.Message);
    }

    [Fact]
    public void Corruption_is_detected()
    {
        byte[] samples = Noise(8 * 8 * 3, 1);
        byte[] good = TestPngWriter.Encode(8, 8, 2, samples, _ => 4);
        Assert.Equal(samples, Png.Decode(good, "ok.png").Pixels);

        byte[] sig = (byte[])good.Clone();
        sig[1] = (byte)'X';
        Assert.Contains("signature", Assert.Throws<DataFormatException>(() => Png.Decode(sig, "c.png")).Message);

        for (int i = 8; i < good.Length; i += 7) // a flipped bit anywhere in a chunk fails its CRC (or its length check)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x10;
            var ex = Assert.Throws<DataFormatException>(() => Png.Decode(bad, "c.png"));
            Assert.StartsWith("c.png: ", ex.Message);
        }

        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => Png.Decode(good[..^20], "c.png")).Message);
    }

    [Fact]
    public void Wrong_filter_byte_and_short_data_are_reported()
    {
        byte[] badFilter = TestPngWriter.Encode(2, 2, 0, [1, 2, 3, 4], y => y == 1 ? 9 : 0);
        Assert.Contains("filter type 9", Assert.Throws<DataFormatException>(() => Png.Decode(badFilter, "f.png")).Message);

        // Declare a taller image than the data holds: the inflated stream is too short.
        byte[] png = TestPngWriter.Encode(2, 2, 0, [1, 2, 3, 4], _ => 0);
        var ms = new MemoryStream();
        ms.Write(png[..8]);
        byte[] ihdr = png[16..29];
        ihdr[7] = 3;
        TestPngWriter.Chunk(ms, "IHDR", ihdr);
        ms.Write(png[33..]);
        Assert.Contains("truncated PNG image data", Assert.Throws<DataFormatException>(() => Png.Decode(ms.ToArray(), "s.png")).Message);
    }
}
