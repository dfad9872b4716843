using System.IO.Compression;
using HEPrune.Core.IO;

namespace HEPrune.Core.Tests.IO;

public sealed class NpzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("npz").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string BuildZip(string name, CompressionLevel level, params (string Member, byte[] Bytes)[] members)
    {
        string path = Path.Combine(_dir, name);
        using var fs = File.Create(path);
        using var zip = new ZipArchive(fs, ZipArchiveMode.Create);
        foreach (var (member, bytes) in members)
        {
            using Stream s = zip.CreateEntry(member, level).Open();
            s.Write(bytes);
        }

        return path;
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Optimal)]
    public void Reads_stored_and_deflated_members_built_by_hand(CompressionLevel level)
    {
        byte[] a = NpyTests.HandBuilt("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }", [1, 2, 3, 4]);
        byte[] b = NpyTests.HandBuilt("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }", [9, 0, 0, 0]);
        string path = BuildZip("hand.npz", level, ("images.npy", a), ("labels.npy", b), ("README.txt", [65]));
        using Npz npz = Npz.Open(path);
        Assert.Equal(["images", "labels"], npz.Keys);
        Assert.Equal([1, 2, 3, 4], npz.Read("images").ToArray<byte>());
        Assert.Equal([9], npz.Read("labels").ToArray<int>());
        var ex = Assert.Throws<DataFormatException>(() => npz.Read("nope"));
        Assert.Contains("no array 'nope'", ex.Message);
        Assert.Contains("images, labels", ex.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Write_then_read_all(bool compress)
    {
        string path = Path.Combine(_dir, "w.npz");
        var arrays = new List<KeyValuePair<string, NpyArray>>
        {
            new("features", NpyArray.Create(new[] { 0.5f, -1f, 2f, 4f, 8f, 16f }, 2, 3)),
            new("labels", NpyArray.Create(new long[] { 3, 1 }, 2)),
        };
        Npz.Write(path, arrays, compress);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Equal(["features.npy", "labels.npy"], zip.Entries.Select(e => e.FullName));
        }

        var back = Npz.ReadAll(path);
        Assert.Equal(["features", "labels"], back.Select(kv => kv.Key));
        Assert.Equal(arrays[0].Value.ToArray<float>(), back[0].Value.ToArray<float>());
        Assert.Equal([3L, 1L], back[1].Value.ToArray<long>());
    }

    [Fact]
    public void Corrupt_archives_and_members_name_the_file()
    {
        string notZip = Path.Combine(_dir, "junk.npz");
        File.WriteAllBytes(notZip, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
        var ex = Assert.Throws<DataFormatException>(() => Npz.Open(notZip));
        Assert.Contains("junk.npz", ex.Message);

        byte[] shortMember = NpyTests.HandBuilt("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", new byte[31]);
        string path = BuildZip("short.npz", CompressionLevel.Optimal, ("x.npy", shortMember));
        using Npz npz = Npz.Open(path);
        var ex2 = Assert.Throws<DataFormatException>(() => npz.Read("x"));
        Assert.Contains("short.npz[x.npy]", ex2.Message);
        Assert.Contains("truncated data", ex2.Message);
    }

    [Fact]
    public void Flipped_bytes_in_deflated_data_are_reported_as_corrupt()
    {
        var values = new float[4096];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Sin(i);
        }

        string path = Path.Combine(_dir, "flip.npz");
        Npz.Write(path, [new("v", NpyArray.Create(values, values.Length))]);
        byte[] bytes = File.ReadAllBytes(path);
        for (int i = 200; i < 260; i++)
        {
            bytes[i] ^= 0x5A; // inside the deflate stream of the only member
        }

        File.WriteAllBytes(path, bytes);
        var ex = Assert.ThrowsAny<IOException>(() =>
        {
            using Npz npz = Npz.Open(path);
            npz.Read("v");
        });
        Assert.Contains("flip.npz", ex.Message);
    }

    [Fact]
    public void Flipped_byte_in_a_stored_member_fails_the_crc_check()
    {
        string path = Path.Combine(_dir, "stored.npz");
        Npz.Write(path, [new("v", NpyArray.Create(new int[1000], 1000))], compress: false);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[30 + "v.npy".Length + 128 + 1000] ^= 1; // local header, name, npy header, then the data
        File.WriteAllBytes(path, bytes);
        using Npz npz = Npz.Open(path);
        var ex = Assert.Throws<DataFormatException>(() => npz.Read("v"));
        Assert.Contains("CRC-32 mismatch", ex.Message);
        Assert.Contains("stored.npz[v.npy]", ex.Message);
    }
}
