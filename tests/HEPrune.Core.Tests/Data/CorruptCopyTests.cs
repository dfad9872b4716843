using System.Formats.Tar;
using HEPrune.Core.Data;
using HEPrune.Core.IO;

namespace HEPrune.Core.Tests.Data;

/// <summary>Damaged copies of each real format (in a temp folder; unchanged files are symlinked) must fail with a clear error naming the file.</summary>
public sealed class CorruptCopyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("corrupt").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>Mirrors a dataset folder: every file is symlinked except the ones the test then rewrites.</summary>
    private string Mirror(DatasetId id, params string[] copied)
    {
        string src = RealData.Dir(id);
        string dst = Path.Combine(_dir, id.Name());
        Directory.CreateDirectory(dst);
        foreach (string f in Directory.GetFiles(src))
        {
            string target = Path.Combine(dst, Path.GetFileName(f));
            if (copied.Contains(Path.GetFileName(f)))
            {
                File.Copy(f, target);
                File.SetAttributes(target, FileAttributes.Normal);
            }
            else
            {
                File.CreateSymbolicLink(target, f);
            }
        }

        return dst;
    }

    private static void Truncate(string path, long length)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Write);
        fs.SetLength(length);
    }

    private static void Poke(string path, long offset, byte value)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Write);
        fs.Position = offset;
        fs.WriteByte(value);
    }

    private static DataFormatException Fails(DatasetId id, string dir, string fileNamePart, DataLoadOptions? o = null)
    {
        var ex = Assert.Throws<DataFormatException>(() => DatasetLoader.LoadFrom(id, dir, o));
        Assert.Contains(fileNamePart, ex.Message);
        return ex;
    }

    private static string Plain(string dir, string stem) => Path.GetFileName(DatasetLayout.FindFile(dir, stem)!);

    [Fact]
    public void Mnist_truncated_labels_and_bad_magic()
    {
        string mnist = RealData.Dir(DatasetId.Mnist);
        string labels = Plain(mnist, "t10k-labels-idx1-ubyte");
        string images = Plain(mnist, "t10k-images-idx3-ubyte");
        string dir = Mirror(DatasetId.Mnist, labels, images);
        Truncate(Path.Combine(dir, labels), 8 + 9_999);
        var ex = Fails(DatasetId.Mnist, dir, labels);
        Assert.Contains("truncated", ex.Message);

        File.Copy(Path.Combine(mnist, labels), Path.Combine(dir, labels), overwrite: true);
        Poke(Path.Combine(dir, images), 3, 0x01); // magic 2051 -> 2049
        Assert.Contains("bad IDX magic number 2049", Fails(DatasetId.Mnist, dir, images).Message);

        File.Copy(Path.Combine(mnist, images), Path.Combine(dir, images), overwrite: true);
        Poke(Path.Combine(dir, labels), 8 + 17, 42);
        Assert.Contains("label 42 at index 17", Fails(DatasetId.Mnist, dir, labels).Message);
    }

    [Fact]
    public void Gzipped_idx_truncated_or_flipped()
    {
        string fashion = RealData.Dir(DatasetId.FashionMnist);
        string labels = Plain(fashion, "t10k-labels-idx1-ubyte");
        Assert.EndsWith(".gz", labels); // Debian ships gzip files: this exercises the gzip path
        string dir = Mirror(DatasetId.FashionMnist, labels);
        long len = new FileInfo(Path.Combine(dir, labels)).Length;
        Truncate(Path.Combine(dir, labels), len / 2);
        Fails(DatasetId.FashionMnist, dir, labels);

        File.Copy(Path.Combine(fashion, labels), Path.Combine(dir, labels), overwrite: true);
        Poke(Path.Combine(dir, labels), len - 6, 0x77); // inside the gzip trailer (CRC-32 / length)
        Fails(DatasetId.FashionMnist, dir, labels);
    }

    [Fact]
    public void Cifar_truncated_batch_and_bad_label()
    {
        string dir = Mirror(DatasetId.Cifar10, "test_batch.bin");
        string test = Path.Combine(dir, "test_batch.bin");
        Truncate(test, (3073 * 1000) - 5);
        Assert.Contains("not a positive multiple of the 3073-byte", Fails(DatasetId.Cifar10, dir, "test_batch.bin").Message);

        File.Copy(Path.Combine(RealData.Dir(DatasetId.Cifar10), "test_batch.bin"), test, overwrite: true);
        Poke(test, 3073 * 7, 200);
        Assert.Contains("record 7 has label 200", Fails(DatasetId.Cifar10, dir, "test_batch.bin").Message);
    }

    [Fact]
    public void DermaMnist_truncated_or_flipped_npz()
    {
        string dir = Mirror(DatasetId.DermaMnist, "dermamnist.npz");
        string npz = Path.Combine(dir, "dermamnist.npz");
        long len = new FileInfo(npz).Length;
        Poke(npz, len / 3, 0x00);
        Poke(npz, (len / 3) + 1, 0xFF);
        Poke(npz, (len / 3) + 2, 0x13);
        Fails(DatasetId.DermaMnist, dir, "dermamnist.npz");

        File.Copy(Path.Combine(RealData.Dir(DatasetId.DermaMnist), "dermamnist.npz"), npz, overwrite: true);
        Truncate(npz, len - 4000); // cuts the zip central directory
        Fails(DatasetId.DermaMnist, dir, "dermamnist.npz");
    }

    [Fact]
    public void FaceMask_bad_png_truncated_tar_and_relabelled_box()
    {
        string dir = Mirror(DatasetId.FaceMask, "box-images.tar", "box_labels.csv");
        string tar = Path.Combine(dir, "box-images.tar");

        // Flip one byte inside the data of member box5.png: its PNG CRC check must name the member.
        long dataOffset = FindDataStart(tar, "box-images/box5.png");
        Poke(tar, dataOffset + 40, 0xAA);
        Assert.Contains("box-images/box5.png", Fails(DatasetId.FaceMask, dir, "box-images.tar").Message);

        File.Copy(Path.Combine(RealData.Dir(DatasetId.FaceMask), "box-images.tar"), tar, overwrite: true);
        Truncate(tar, 1_000_003); // ends inside a member, a few hundred crops in
        Fails(DatasetId.FaceMask, dir, "box-images.tar");

        File.Copy(Path.Combine(RealData.Dir(DatasetId.FaceMask), "box-images.tar"), tar, overwrite: true);
        string csv = Path.Combine(dir, "box_labels.csv");
        string[] lines = File.ReadAllLines(csv);
        lines[1] = lines[1].Replace(",79,105,", ",78,105,").Replace(",30,37,", ",31,37,"); // box 0 moved by one pixel
        File.WriteAllLines(csv, lines);
        var ex = Fails(DatasetId.FaceMask, dir, "annotations.tar.gz");
        Assert.Contains("box 0 differs", ex.Message);
    }

    /// <summary>Finds the byte offset of a member's data in an uncompressed ustar file by scanning 512-byte headers.</summary>
    private static long FindDataStart(string tar, string member)
    {
        using var fs = File.OpenRead(tar);
        var header = new byte[512];
        long pos = 0;
        while (pos + 512 <= fs.Length)
        {
            fs.Position = pos;
            fs.ReadExactly(header);
            string name = System.Text.Encoding.ASCII.GetString(header, 0, 100).TrimEnd('\0');
            long size = Convert.ToInt64(System.Text.Encoding.ASCII.GetString(header, 124, 12).Trim('\0', ' '), 8);
            if (name == member)
            {
                return pos + 512;
            }

            pos += 512 + ((size + 511) / 512 * 512);
        }

        throw new InvalidOperationException($"{member} not found in {tar}");
    }

    [Fact]
    public void Snips_truncated_and_unknown_intent()
    {
        string dir = Mirror(DatasetId.Snips, "dev.txt");
        string dev = Path.Combine(dir, "dev.txt");
        Truncate(dev, new FileInfo(dev).Length - 40);
        var ex = Fails(DatasetId.Snips, dir, "dev.txt");
        Assert.Contains("ends inside an utterance", ex.Message);

        string[] lines = File.ReadAllLines(Path.Combine(RealData.Dir(DatasetId.Snips), "dev.txt"));
        int intent = Array.FindIndex(lines, l => l.Length > 0 && !l.Contains(' '));
        lines[intent] = "OrderPizza";
        File.WriteAllLines(dev, lines);
        Assert.Contains($"line {intent + 1}: unknown intent 'OrderPizza'", Fails(DatasetId.Snips, dir, "dev.txt").Message);
    }

    [Fact]
    public void Missing_dataset_message_says_where_it_looked_and_how_to_get_it()
    {
        var locator = new DataLocator(explicitRoot: _dir, environmentRoot: null, useEnvironment: false, repoRoots: []);
        var ex = Assert.Throws<DatasetNotFoundException>(() => locator.Require(DatasetId.Snips));
        Assert.Contains(Path.Combine(_dir, "snips"), ex.Message);
        Assert.Contains("--data-root", ex.Message);
        Assert.Contains("How to get it", ex.Message);
        Assert.Contains("train.txt", ex.Message);
        var fm = Assert.Throws<DatasetNotFoundException>(() => locator.Require(DatasetId.FaceMask));
        Assert.Contains("Kaggle", fm.Message);
    }
}
