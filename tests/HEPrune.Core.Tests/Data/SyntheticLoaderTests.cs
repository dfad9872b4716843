using HEPrune.Core.Data;
using HEPrune.Core.Data.Loaders;
using HEPrune.Core.IO;

namespace HEPrune.Core.Tests.Data;

/// <summary>Loaders on small synthetic files in the official layouts (shape and type checks that real data cannot exercise).</summary>
public sealed class SyntheticLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("synth").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private void WriteDerma(NpyArray trainLabels, int[]? imageShape = null)
    {
        int[] shape = imageShape ?? [2, 28, 28, 3];
        var images = NpyArray.Create(new byte[shape.Aggregate(1, (a, b) => a * b)], shape);
        var ok = NpyArray.Create(new byte[] { 1, 6 }, 2, 1);
        Npz.Write(Path.Combine(_dir, "dermamnist.npz"),
        [
            new("train_images", images), new("val_images", NpyArray.Create(new byte[2 * 2352], 2, 28, 28, 3)),
            new("test_images", NpyArray.Create(new byte[2 * 2352], 2, 28, 28, 3)),
            new("train_labels", trainLabels), new("val_labels", ok), new("test_labels", ok),
        ]);
    }

    [Fact]
    public void DermaMnist_synthetic_file_loads()
    {
        WriteDerma(NpyArray.Create(new long[] { 0, 5 }, 2, 1));
        DatasetSplits d = DermaMnistLoader.Load(_dir);
        Assert.Equal([0, 5], d.Train.Labels);
        Assert.Equal([1, 6], d.Test.Labels);
    }

    [Theory]
    [InlineData("float")]
    [InlineData("range")]
    [InlineData("overflow")]
    [InlineData("shape")]
    public void DermaMnist_bad_arrays_name_the_member(string kind)
    {
        NpyArray labels = kind switch
        {
            "float" => NpyArray.Create(new[] { 0f, 1f }, 2, 1),
            "range" => NpyArray.Create(new byte[] { 0, 7 }, 2, 1),
            "overflow" => NpyArray.Create(new[] { 0L, 1L << 40 }, 2, 1),
            _ => NpyArray.Create(new byte[] { 0, 1 }, 2, 1),
        };
        WriteDerma(labels, kind == "shape" ? [2, 28, 28] : null);
        var ex = Assert.Throws<DataFormatException>(() => DermaMnistLoader.Load(_dir));
        Assert.Contains(kind == "shape" ? "[train_images.npy]" : "[train_labels.npy]", ex.Message);
    }

    [Fact]
    public void Idx_image_and_label_counts_must_agree()
    {
        static byte[] Idx(int magic, params int[] dims)
        {
            var ms = new MemoryStream();
            void Be(int v) => ms.Write([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
            Be(magic);
            foreach (int d in dims)
            {
                Be(d);
            }

            ms.Write(new byte[dims.Aggregate(1, (a, b) => a * b)]);
            return ms.ToArray();
        }

        File.WriteAllBytes(Path.Combine(_dir, "train-images-idx3-ubyte"), Idx(2051, 8, 28, 28));
        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte"), Idx(2049, 8));
        File.WriteAllBytes(Path.Combine(_dir, "t10k-images-idx3-ubyte"), Idx(2051, 3, 28, 28));
        File.WriteAllBytes(Path.Combine(_dir, "t10k-labels-idx1-ubyte"), Idx(2049, 3));
        DatasetSplits d = MnistLoader.Load(DatasetId.Mnist, _dir);
        Assert.Equal((7, 1, 3), (d.Train.Count, d.Val.Count, d.Test.Count)); // floor(0.875*8)=7, floor(0.125*8)=1

        File.WriteAllBytes(Path.Combine(_dir, "t10k-labels-idx1-ubyte"), Idx(2049, 4));
        Assert.Contains("4 labels for the 3 images", Assert.Throws<DataFormatException>(() => MnistLoader.Load(DatasetId.Mnist, _dir)).Message);

        File.WriteAllBytes(Path.Combine(_dir, "t10k-images-idx3-ubyte"), Idx(2051, 4, 32, 32));
        Assert.Contains("expected 28×28 images, found 32×32", Assert.Throws<DataFormatException>(() => MnistLoader.Load(DatasetId.Mnist, _dir)).Message);
    }

    [Fact]
    public void Cifar_meta_with_wrong_names_is_refused()
    {
        for (int b = 1; b <= 5; b++)
        {
            File.WriteAllBytes(Path.Combine(_dir, $"data_batch_{b}.bin"), new byte[3073]);
        }

        File.WriteAllBytes(Path.Combine(_dir, "test_batch.bin"), new byte[3073]);
        File.WriteAllText(Path.Combine(_dir, "batches.meta.txt"), "cat\ndog\n");
        Assert.Contains("batches.meta.txt", Assert.Throws<DataFormatException>(() => Cifar10Loader.Load(_dir)).Message);
        File.Delete(Path.Combine(_dir, "batches.meta.txt"));
        Assert.Contains("holdout test split needs more than 10000", Assert.Throws<DataFormatException>(() => Cifar10Loader.Load(_dir, Cifar10TestSplit.Holdout)).Message);
        Assert.Equal(1, Cifar10Loader.Load(_dir).Test.Count);
    }
}
