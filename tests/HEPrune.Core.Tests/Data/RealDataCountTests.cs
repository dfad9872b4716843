using HEPrune.Core.Data;
using HEPrune.Core.Data.Splitting;

namespace HEPrune.Core.Tests.Data;

public class RealDataCountTests
{
    private static int[] Sum(int[] a, int[] b) => a.Select((x, i) => x + b[i]).ToArray();

    [Theory]
    [InlineData(DatasetId.Mnist)]
    [InlineData(DatasetId.FashionMnist)]
    public void Idx_datasets_have_official_counts_and_hetal_split(DatasetId id)
    {
        DatasetSplits d = RealData.Get(id);
        Assert.Equal((52_500, 7_500, 10_000), (d.Train.Count, d.Val.Count, d.Test.Count));
        IReadOnlyList<int> train = id == DatasetId.Mnist ? PublishedCounts.MnistTrain : PublishedCounts.FashionTrain;
        IReadOnlyList<int> test = id == DatasetId.Mnist ? PublishedCounts.MnistTest : PublishedCounts.FashionTest;
        Assert.Equal(train, Sum(d.Train.CountPerClass(10), d.Val.CountPerClass(10)));
        Assert.Equal(test, d.Test.CountPerClass(10));
        Assert.Equal([36044, 10678, 57327, 55074, 21567, 15479, 9481, 43095, 26145, 7479], d.Train.SourceIndices[..10]);
        int[] perm = TorchRandom.RandPerm(60_000, 0);
        Assert.Equal(perm[..52_500], d.Train.SourceIndices);
        Assert.Equal(perm[52_500..], d.Val.SourceIndices);
        Assert.Equal((28, 28, 1), (d.Train.Images!.Height, d.Train.Images.Width, d.Train.Images.Channels));
        Assert.Empty(d.Warnings);
    }

    [Fact]
    public void Mnist_split_entries_are_the_official_images_they_claim()
    {
        DatasetSplits d = RealData.Get(DatasetId.Mnist);
        string dir = RealData.Dir(DatasetId.Mnist);
        var (pixels, n, _, _) = HEPrune.Core.IO.Idx.ReadImages(HEPrune.Core.Data.DatasetLayout.FindFile(dir, "train-images-idx3-ubyte")!);
        byte[] labels = HEPrune.Core.IO.Idx.ReadLabels(HEPrune.Core.Data.DatasetLayout.FindFile(dir, "train-labels-idx1-ubyte")!);
        Assert.Equal(60_000, n);
        foreach (int i in new[] { 0, 1, 52_499 })
        {
            int src = d.Train.SourceIndices[i];
            Assert.Equal(pixels.AsSpan(src * 784, 784).ToArray(), d.Train.Images![i].Pixels.ToArray());
            Assert.Equal(labels[src], d.Train.Labels[i]);
        }

        int v = d.Val.SourceIndices[7_499];
        Assert.Equal(pixels.AsSpan(v * 784, 784).ToArray(), d.Val.Images![7_499].Pixels.ToArray());
    }

    [Fact]
    public void Cifar10_official_split_counts_and_caveat()
    {
        DatasetSplits d = RealData.Get(DatasetId.Cifar10);
        Assert.Equal((43_750, 6_250), (d.Train.Count, d.Val.Count));
        Assert.Equal([36044, 49165, 37807, 11341, 6091, 16904, 36293, 28026, 24681, 17849], d.Train.SourceIndices[..10]);
        Assert.Equal(PublishedCounts.Cifar10Train, Sum(d.Train.CountPerClass(10), d.Val.CountPerClass(10)));
        Assert.Equal(1_000, d.Test.Count); // the shared copy holds only the first 1,000 official test images
        Assert.Equal(PublishedCounts.Cifar10TestFirst1000, d.Test.CountPerClass(10));
        Assert.NotNull(d.Test.Warning);
        Assert.Contains("1,000 of the 10,000", d.Test.Warning);
        Assert.Single(d.Warnings);
        Assert.Null(d.Train.Warning);
    }

    [Fact]
    public void Cifar10_pixels_match_published_dumps()
    {
        DatasetSplits d = RealData.Get(DatasetId.Cifar10);
        // Official train[0]: label 6, red row 0 starts 59,43,50,68,98,119,139,145,149,149; pixel (0,0) = (59,62,63).
        int pos = Array.IndexOf(d.Train.SourceIndices, 0);
        ImageData imgs = pos >= 0 ? d.Train.Images! : d.Val.Images!;
        int at = pos >= 0 ? pos : Array.IndexOf(d.Val.SourceIndices, 0);
        Assert.Equal(6, (pos >= 0 ? d.Train : d.Val).Labels[at]);
        int[] red = Enumerable.Range(0, 10).Select(x => (int)imgs[at][0, x, 0]).ToArray();
        Assert.Equal([59, 43, 50, 68, 98, 119, 139, 145, 149, 149], red);
        Assert.Equal((59, 62, 63), (imgs[at][0, 0, 0], imgs[at][0, 0, 1], imgs[at][0, 0, 2]));
        Assert.Equal([3, 8, 8, 0], d.Test.Labels[..4]);
        Assert.Equal([158, 159, 165], new[] { d.Test.Images![0][0, 0, 0], d.Test.Images[0][0, 1, 0], d.Test.Images[0][0, 2, 0] }.Select(b => (int)b));
        Assert.Equal([155, 167, 176], new[] { d.Test.Images[3][0, 0, 0], d.Test.Images[3][0, 1, 0], d.Test.Images[3][0, 2, 0] }.Select(b => (int)b));
    }

    [Fact]
    public void Cifar10_batch_counts_and_holdout_split()
    {
        string dir = RealData.Dir(DatasetId.Cifar10);
        for (int b = 1; b <= 5; b++)
        {
            var (_, y) = HEPrune.Core.Data.Loaders.Cifar10Loader.ReadBatch(Path.Combine(dir, $"data_batch_{b}.bin"));
            Assert.Equal(PublishedCounts.Cifar10Batches[b - 1], Enumerable.Range(0, 10).Select(c => y.Count(v => v == c)));
        }

        DatasetSplits h = RealData.Get(DatasetId.Cifar10, Cifar10TestSplit.Holdout);
        Assert.Equal((35_000, 5_000, 10_000), (h.Train.Count, h.Val.Count, h.Test.Count));
        Assert.Equal(PublishedCounts.Cifar10Batches[4], h.Test.CountPerClass(10));
        Assert.Equal(Enumerable.Range(40_000, 10_000), h.Test.SourceIndices);
        int[] perm = TorchRandom.RandPerm(40_000, 0);
        Assert.Equal(perm[..35_000], h.Train.SourceIndices);
        Assert.Equal(perm[35_000..], h.Val.SourceIndices);
        Assert.All(h.Train.SourceIndices, i => Assert.True(i < 40_000));
        Assert.Contains("holdout", h.Test.Warning);
    }

    [Fact]
    public void DermaMnist_official_counts()
    {
        DatasetSplits d = RealData.Get(DatasetId.DermaMnist);
        Assert.Equal((7_007, 1_003, 2_005), (d.Train.Count, d.Val.Count, d.Test.Count));
        for (int s = 0; s < 3; s++)
        {
            Assert.Equal(PublishedCounts.DermaMnist[s], d.Splits[s].CountPerClass(7));
        }

        Assert.Equal((28, 28, 3), (d.Train.Images!.Height, d.Train.Images.Width, d.Train.Images.Channels));
        // Per-channel train mean quoted in the datasets README: 0.7631 / 0.5381 / 0.5614.
        double[] sum = new double[3];
        ReadOnlySpan<byte> px = d.Train.Images.Pixels;
        for (int i = 0; i < px.Length; i++)
        {
            sum[i % 3] += px[i];
        }

        double count = px.Length / 3.0 * 255.0;
        Assert.Equal(0.7631, sum[0] / count, 4);
        Assert.Equal(0.5381, sum[1] / count, 4);
        Assert.Equal(0.5614, sum[2] / count, 4);
    }

    [Fact]
    public void FaceMask_hetal_split_counts_and_crops()
    {
        DatasetSplits d = RealData.Get(DatasetId.FaceMask);
        Assert.Equal((2_849, 408, 815), (d.Train.Count, d.Val.Count, d.Test.Count));
        for (int s = 0; s < 3; s++)
        {
            Assert.Equal(PublishedCounts.FaceMask[s], d.Splits[s].CountPerClass(3));
        }

        Assert.Equal(4_072, d.Splits.Sum(s => s.Count));
        Assert.Equal([3232, 123, 717], // with_mask, mask_weared_incorrect, without_mask
            new[] { 0, 1, 2 }.Select(c => d.Splits.Sum(s => s.CountPerClass(3)[c])));
        Assert.Equal(119, d.Train.SourceIndices[0]); // hetal_split.csv position 0
        Assert.Equal(2, d.Train.Labels[0]);
        Assert.Equal(2479, d.Train.SourceIndices[1]);
        Assert.False(d.Train.Images!.IsUniform);
        Assert.Equal(3, d.Train.Images.Channels);

        var boxes = HEPrune.Core.Data.Loaders.FaceMaskLoader.ReadBoxes(Path.Combine(RealData.Dir(DatasetId.FaceMask), "box_labels.csv"));
        for (int i = 0; i < d.Test.Count; i += 37)
        {
            var b = boxes[d.Test.SourceIndices[i]];
            Assert.Equal((b.Height, b.Width), (d.Test.Images![i].Height, d.Test.Images[i].Width));
        }
    }

    [Fact]
    public void FaceMask_annotations_agree_with_the_box_table()
    {
        string dir = RealData.Dir(DatasetId.FaceMask);
        var table = HEPrune.Core.Data.Loaders.FaceMaskLoader.ReadBoxes(Path.Combine(dir, "box_labels.csv"));
        var ann = HEPrune.Core.Data.Loaders.FaceMaskLoader.ReadAnnotations(Path.Combine(dir, "annotations.tar.gz"));
        Assert.Equal(4_072, ann.Count);
        Assert.Equal(853, ann.Select(b => b.ImageFile).Distinct().Count());
        Assert.Equal(table, ann);
        Assert.Equal(new HEPrune.Core.Data.Loaders.FaceMaskBox(0, "maksssksksss0.png", 0, 79, 105, 109, 142, "without_mask", 2), ann[0]);
    }

    [Fact]
    public void Snips_counts_and_text()
    {
        DatasetSplits d = RealData.Get(DatasetId.Snips);
        Assert.Equal((13_084, 700, 700), (d.Train.Count, d.Val.Count, d.Test.Count));
        for (int s = 0; s < 3; s++)
        {
            Assert.Equal(PublishedCounts.Snips[s], d.Splits[s].CountPerClass(7));
        }

        Assert.Equal("listen to westbam alumb allergic on google music", d.Train.Texts![0]);
        Assert.Equal(0, d.Train.Labels[0]);
        Assert.Equal("add step to me to the 50 clásicos playlist", d.Train.Texts[1]);
        Assert.Equal(3, d.Train.Labels[1]);
        Assert.All(d.Train.Texts, t => Assert.DoesNotContain("  ", t));
    }

    [Fact]
    public void Loading_again_gives_identical_splits()
    {
        DatasetSplits a = RealData.Get(DatasetId.Mnist);
        DatasetSplits b = DatasetLoader.Load(DatasetId.Mnist); // a fresh load, not the cached one
        foreach (string s in new[] { "train", "val", "test" })
        {
            Assert.Equal(a[s].SourceIndices, b[s].SourceIndices);
            Assert.Equal(a[s].Labels, b[s].Labels);
            Assert.True(a[s].Images!.Pixels.SequenceEqual(b[s].Images!.Pixels));
        }
    }
}
