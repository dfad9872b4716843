using System.IO.Compression;
using HEPrune.Core.Data;
using HEPrune.Core.IO;

namespace HEPrune.Core.Tests.Data;

/// <summary>The shared dermamnist.npz was written by numpy (savez_compressed): our reader must parse it and our writer must reproduce its members byte for byte.</summary>
public class NumpyWrittenFileTests
{
    [Theory]
    [InlineData("train_labels")]
    [InlineData("val_images")]
    [InlineData("test_labels")]
    public void Writer_reproduces_numpy_members_byte_for_byte(string key)
    {
        string path = Path.Combine(RealData.Dir(DatasetId.DermaMnist), "dermamnist.npz");
        byte[] raw;
        using (ZipArchive zip = ZipFile.OpenRead(path))
        using (Stream s = zip.GetEntry(key + ".npy")!.Open())
        {
            var ms = new MemoryStream();
            s.CopyTo(ms);
            raw = ms.ToArray();
        }

        NpyArray a = Npy.Read(new MemoryStream(raw), key);
        Assert.Equal(NpyDType.UInt8, a.DType);
        var rewritten = new MemoryStream();
        Npy.Write(rewritten, a);
        Assert.Equal(raw, rewritten.ToArray());
    }

    [Fact]
    public void Npz_keys_are_in_numpy_order()
    {
        using Npz npz = Npz.Open(Path.Combine(RealData.Dir(DatasetId.DermaMnist), "dermamnist.npz"));
        Assert.Equal(["train_images", "val_images", "test_images", "train_labels", "val_labels", "test_labels"], npz.Keys);
        Assert.Equal([7007, 28, 28, 3], npz.Read("train_images").GetShape());
        Assert.Equal([2005, 1], npz.Read("test_labels").GetShape());
    }
}
