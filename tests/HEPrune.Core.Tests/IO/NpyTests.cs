using System.Buffers.Binary;
using System.Text;
using HEPrune.Core.IO;

namespace HEPrune.Core.Tests.IO;

public class NpyTests
{
    /// <summary>Builds a .npy file byte by byte from the format description (independent of <see cref="Npy.Write"/>).</summary>
    internal static byte[] HandBuilt(string dict, byte[] data, int major = 1, int align = 64)
    {
        int lenSize = major == 1 ? 2 : 4;
        byte[] dictBytes = major == 3 ? Encoding.UTF8.GetBytes(dict) : Encoding.Latin1.GetBytes(dict);
        int prefix = 8 + lenSize;
        int total = (prefix + dictBytes.Length + 1 + align - 1) / align * align;
        var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        int headerLen = total - prefix;
        if (major == 1)
        {
            ms.Write([(byte)(headerLen & 0xFF), (byte)(headerLen >> 8)]);
        }
        else
        {
            ms.Write([(byte)(headerLen & 0xFF), (byte)(headerLen >> 8), (byte)(headerLen >> 16), (byte)(headerLen >> 24)]);
        }

        ms.Write(dictBytes);
        for (int i = prefix + dictBytes.Length; i < total - 1; i++)
        {
            ms.WriteByte((byte)' ');
        }

        ms.WriteByte((byte)'\n');
        ms.Write(data);
        return ms.ToArray();
    }

    private static NpyArray ReadBytes(byte[] bytes, string name = "mem.npy") => Npy.Read(new MemoryStream(bytes), name);

    [Fact]
    public void Reads_hand_built_int32_vector_version_1()
    {
        byte[] data = [1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x80];
        byte[] file = HandBuilt("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", data);
        Assert.Equal(128, file.Length - data.Length); // numpy pads the prefix+header to 128 bytes here.
        NpyArray a = ReadBytes(file);
        Assert.Equal(NpyDType.Int32, a.DType);
        Assert.Equal([3], a.GetShape());
        Assert.Equal([1, -2, int.MinValue], a.ToArray<int>());
    }

    [Fact]
    public void Writer_output_is_byte_identical_to_the_numpy_layout()
    {
        // The dict and padding numpy writes (checked against the members of a numpy-written npz, see Data tests).
        double[] values = [1.5, -2.0, 0.25, 3.0, double.NaN, double.NegativeInfinity];
        var data = new byte[48];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * i), values[i]);
        }

        byte[] expected = HandBuilt("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", data);
        var ms = new MemoryStream();
        Npy.Write(ms, NpyArray.Create(values, 2, 3));
        Assert.Equal(expected, ms.ToArray());
    }

    [Fact]
    public void Reads_version_2_and_3_headers_and_other_dict_spellings()
    {
        byte[] data = [7, 250];
        NpyArray v2 = ReadBytes(HandBuilt("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2), }", data, major: 2));
        Assert.Equal([1, 2], v2.GetShape());
        Assert.Equal([7, 250], v2.ToArray<byte>());

        // Version 3 (UTF-8), double quotes, reordered keys, no trailing comma, Python-2 long suffix, 16-byte alignment.
        NpyArray v3 = ReadBytes(HandBuilt("{\"shape\": (2L,), \"fortran_order\": False, \"descr\": \"|i1\"}", data, major: 3, align: 16));
        Assert.Equal([7, -6], v3.ToArray<sbyte>());
    }

    [Fact]
    public void Reads_scalar_and_empty_arrays()
    {
        byte[] one = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(one, -5_000_000_000L);
        NpyArray scalar = ReadBytes(HandBuilt("{'descr': '<i8', 'fortran_order': False, 'shape': (), }", one));
        Assert.Equal(0, scalar.Rank);
        Assert.Equal(1, scalar.Count);
        Assert.Equal([-5_000_000_000L], scalar.ToArray<long>());

        NpyArray empty = ReadBytes(HandBuilt("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 5), }", []));
        Assert.Equal(0, empty.Count);
        Assert.Equal([0, 5], empty.GetShape());
    }

    [Fact]
    public void Round_trips_every_dtype()
    {
        RoundTrip(new byte[] { 0, 1, 255, 128, 7, 9 }, 2, 3);
        RoundTrip(new sbyte[] { -128, 127, 0, -1 }, 4);
        RoundTrip(new[] { int.MinValue, int.MaxValue, 0, -1, 12345, 6 }, 3, 1, 2);
        RoundTrip(new[] { long.MinValue, long.MaxValue, 1L << 40 }, 3);
        RoundTrip(new[] { 1.5f, -0f, float.Epsilon, float.MaxValue }, 2, 2);
        RoundTrip(new[] { Math.PI, -1e300, double.Epsilon }, 1, 3);
    }

    private static void RoundTrip<T>(T[] values, params int[] shape)
        where T : unmanaged
    {
        var ms = new MemoryStream();
        NpyArray src = NpyArray.Create(values, shape);
        Npy.Write(ms, src);
        Assert.Equal(0, (ms.Length - values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()) % 64);
        NpyArray back = ReadBytes(ms.ToArray());
        Assert.Equal(src.DType, back.DType);
        Assert.Equal(shape, back.GetShape());
        Assert.Equal(values, back.ToArray<T>());
    }

    [Fact]
    public void Large_header_switches_to_version_2()
    {
        int[] shape = new int[22000]; // a 22000-d shape needs a >65,535-byte header
        Array.Fill(shape, 1);
        var ms = new MemoryStream();
        Npy.Write(ms, NpyArray.Create(new[] { 42.0f }, shape));
        byte[] bytes = ms.ToArray();
        Assert.Equal(2, bytes[6]);
        NpyArray back = ReadBytes(bytes);
        Assert.Equal(22000, back.Rank);
        Assert.Equal([42.0f], back.ToArray<float>());
    }

    [Fact]
    public void Conversions_check_types_and_ranges()
    {
        NpyArray labels = NpyArray.Create(new byte[] { 0, 6, 255 }, 3, 1);
        Assert.Equal([0, 6, 255], labels.ToInt32Array());
        Assert.Equal([0.0, 6.0, 255.0], labels.ToDoubleArray());
        Assert.Throws<InvalidOperationException>(() => labels.ToArray<int>());
        Assert.Throws<OverflowException>(() => NpyArray.Create(new[] { 1L << 33 }, 1).ToInt32Array());
        Assert.Throws<InvalidOperationException>(() => NpyArray.Create(new[] { 1.0f }, 1).ToInt32Array());
        Assert.Throws<ArgumentException>(() => new NpyArray(NpyDType.Float32, [2, 2], new byte[15]));
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", "Fortran-order")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", "unsupported dtype '>f4'")]
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '<c8'")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", "structured")]
    [InlineData("{'descr': '<f4', 'shape': (2,), }", "lacks one of the keys")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "unexpected header key 'extra'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", "non-negative integers")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }", "True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), ", "not closed with '}'")]
    public void Bad_headers_give_clear_errors(string dict, string expected)
    {
        byte[] file = HandBuilt(dict, new byte[8]);
        var ex = Assert.Throws<DataFormatException>(() => ReadBytes(file, "bad.npy"));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("bad.npy: ", ex.Message);
    }

    [Fact]
    public void Bad_magic_version_and_truncation_are_reported()
    {
        byte[] good = HandBuilt("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", new byte[16]);

        byte[] magic = (byte[])good.Clone();
        magic[1] = (byte)'X';
        Assert.Contains("bad magic", Assert.Throws<DataFormatException>(() => ReadBytes(magic)).Message);

        byte[] version = (byte[])good.Clone();
        version[6] = 4;
        Assert.Contains("version 4.0", Assert.Throws<DataFormatException>(() => ReadBytes(version)).Message);

        Assert.Contains("too short", Assert.Throws<DataFormatException>(() => ReadBytes(good[..4])).Message);
        Assert.Contains("truncated .npy header", Assert.Throws<DataFormatException>(() => ReadBytes(good[..40])).Message);
        var trunc = Assert.Throws<DataFormatException>(() => ReadBytes(good[..^1]));
        Assert.Contains("truncated data", trunc.Message);
        Assert.Contains("needs 16 bytes but only 15", trunc.Message);

        byte[] longer = [.. good, 0];
        Assert.Contains("size mismatch", Assert.Throws<DataFormatException>(() => ReadBytes(longer)).Message);
    }

    [Fact]
    public void Truncation_and_trailing_bytes_are_detected_on_non_seekable_streams()
    {
        byte[] good = HandBuilt("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", new byte[24]);
        Assert.Contains("truncated data", Assert.Throws<DataFormatException>(() => Npy.Read(new ForwardOnlyStream(good[..^3]), "x")).Message);
        Assert.Contains("size mismatch", Assert.Throws<DataFormatException>(() => Npy.Read(new ForwardOnlyStream([.. good, 1, 2]), "x")).Message);
        Assert.Equal(3, Npy.Read(new ForwardOnlyStream(good), "x").Count);
    }

    [Fact]
    public void File_round_trip_and_missing_file()
    {
        string dir = Directory.CreateTempSubdirectory("npy").FullName;
        try
        {
            string path = Path.Combine(dir, "a.npy");
            Npy.WriteFile(path, NpyArray.Create(new[] { 1f, 2f, 3f }, 3));
            Assert.Equal([1f, 2f, 3f], Npy.ReadFile(path).ToArray<float>());
            Assert.False(File.Exists(path + ".tmp"));
            Assert.Throws<FileNotFoundException>(() => Npy.ReadFile(Path.Combine(dir, "none.npy")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>A read-only stream that cannot seek (like a zip member).</summary>
    internal sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 5));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
