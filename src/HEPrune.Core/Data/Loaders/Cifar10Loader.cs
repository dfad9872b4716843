using HEPrune.Core.Data.Splitting;
using HEPrune.Core.IO;

namespace HEPrune.Core.Data.Loaders;

/// <summary>Loads CIFAR-10 from the official binary batches with HETAL's split (random_split 0.875/0.125, seed 0).</summary>
/// <remarks>
/// Records are 3,073 bytes: a label byte 0..9, then the 32×32 red, green and blue planes; they are converted to
/// 32×32×3 channels-last. With <see cref="Cifar10TestSplit.Holdout"/> the last 10,000 training images (indices
/// 40,000..49,999, i.e. data_batch_5) form the test set and random_split is applied to the first 40,000.
/// </remarks>
public static class Cifar10Loader
{
    /// <summary>Bytes per record.</summary>
    public const int RecordSize = 3073;

    /// <summary>The size of the official test batch.</summary>
    public const int OfficialTestCount = 10_000;

    /// <summary>The class names by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Loads CIFAR-10 from <paramref name="dir"/> (a cifar-10-batches-bin folder).</summary>
    public static DatasetSplits Load(string dir, Cifar10TestSplit testSplit = Cifar10TestSplit.Official)
    {
        CheckMeta(dir);

        // The (small) test batch is read first so a damaged copy fails fast.
        var (testPx, testY) = testSplit == Cifar10TestSplit.Official ? ReadBatch(Path.Combine(dir, "test_batch.bin")) : (Array.Empty<byte>(), Array.Empty<int>());
        var paths = new string[5];
        var counts = new int[5];
        int nTrain = 0;
        for (int b = 0; b < 5; b++)
        {
            paths[b] = Path.Combine(dir, $"data_batch_{b + 1}.bin");
            counts[b] = RecordCount(paths[b]);
            nTrain += counts[b];
        }

        // Decode straight into one N×32×32×3 buffer (no per-batch copies).
        var pixels = new byte[(long)nTrain * 3072];
        var labels = new int[nTrain];
        int off = 0;
        for (int b = 0; b < 5; b++)
        {
            ReadBatchInto(paths[b], counts[b], pixels.AsSpan((int)((long)off * 3072)), labels.AsSpan(off));
            off += counts[b];
        }

        var trainAll = ImageData.Uniform(pixels, nTrain, 32, 32, 3);
        if (testSplit == Cifar10TestSplit.Holdout)
        {
            if (nTrain <= OfficialTestCount)
            {
                throw new DataFormatException(dir, $"holdout test split needs more than {OfficialTestCount} training images, found {nTrain}");
            }

            int keep = nTrain - OfficialTestCount;
            int[][] split = TorchRandom.RandomSplit(keep, [0.875, 0.125], MnistLoader.SplitSeed);
            int[] holdout = new int[OfficialTestCount];
            for (int i = 0; i < holdout.Length; i++)
            {
                holdout[i] = keep + i;
            }

            const string note = "holdout test split: the last 10,000 official training images (data_batch_5), not the official test batch";
            return new DatasetSplits(DatasetId.Cifar10, ClassNames,
                MnistLoader.Subset("train", trainAll, labels, split[0]),
                MnistLoader.Subset("val", trainAll, labels, split[1]),
                MnistLoader.Subset("test", trainAll, labels, holdout, note), dir);
        }

        int[][] parts = TorchRandom.RandomSplit(nTrain, [0.875, 0.125], MnistLoader.SplitSeed);
        string? warning = testY.Length < OfficialTestCount
            ? $"only the first {testY.Length:N0} of the {OfficialTestCount:N0} official CIFAR-10 test images are present; test metrics are not comparable to the paper's (use the holdout test split for a full-size test set)"
            : null;
        var test = new DataSplit("test", testY, ImageData.Uniform(testPx, testY.Length, 32, 32, 3), null, MnistLoader.Identity(testY.Length), warning);
        return new DatasetSplits(DatasetId.Cifar10, ClassNames,
            MnistLoader.Subset("train", trainAll, labels, parts[0]),
            MnistLoader.Subset("val", trainAll, labels, parts[1]), test, dir);
    }

    /// <summary>Reads one binary batch file and returns its images (N×32×32×3, channels last) and labels.</summary>
    public static (byte[] Pixels, int[] Labels) ReadBatch(string path)
    {
        int n = RecordCount(path);
        var px = new byte[(long)n * 3072];
        var y = new int[n];
        ReadBatchInto(path, n, px, y);
        return (px, y);
    }

    private static int RecordCount(string path)
    {
        long len = new FileInfo(path).Length;
        if (len == 0 || len % RecordSize != 0)
        {
            throw new DataFormatException(path, $"size {len} is not a positive multiple of the {RecordSize}-byte CIFAR-10 record (truncated or not a CIFAR-10 binary batch)");
        }

        return (int)(len / RecordSize);
    }

    private static void ReadBatchInto(string path, int n, Span<byte> pixels, Span<int> labels)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var rec = new byte[RecordSize];
        for (int i = 0; i < n; i++)
        {
            if (IO.Npy.ReadFully(fs, rec) < RecordSize)
            {
                throw new DataFormatException(path, $"file ended inside record {i} (changed while reading?)");
            }

            if (rec[0] > 9)
            {
                throw new DataFormatException(path, $"record {i} has label {rec[0]}, outside 0..9 (corrupt or misaligned file)");
            }

            labels[i] = rec[0];
            Span<byte> dst = pixels.Slice(i * 3072, 3072);
            for (int p = 0; p < 1024; p++)
            {
                dst[3 * p] = rec[1 + p];
                dst[(3 * p) + 1] = rec[1 + 1024 + p];
                dst[(3 * p) + 2] = rec[1 + 2048 + p];
            }
        }
    }

    private static void CheckMeta(string dir)
    {
        string meta = Path.Combine(dir, "batches.meta.txt");
        if (!File.Exists(meta))
        {
            return;
        }

        string[] names = File.ReadAllLines(meta).Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToArray();
        if (!names.SequenceEqual(ClassNames))
        {
            throw new DataFormatException(meta, $"class names [{string.Join(", ", names)}] differ from CIFAR-10's [{string.Join(", ", ClassNames)}]");
        }
    }
}
