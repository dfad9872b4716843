using HEPrune.Core.Features;
using HEPrune.Core.IO;

namespace HEPrune.Core.Tests.Features;

/// <summary>Cache hit, miss, invalidation, corruption detection and resumption of the feature cache.</summary>
public sealed class FeatureCacheTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "heprune-fc-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _log = new();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static FeatureKey Key(string checksum = "data1", string weights = "w1") =>
        new("toy", weights, "pre", "mnist", "train", checksum);

    /// <summary>Feature of row r, column j: an independent closed form the cache must reproduce.</summary>
    private static float Value(int r, int j) => r * 10 + j + 0.5f;

    private (FeatureSource Source, Func<int> Calls, Func<int> Rows) Counting(int dim, int failAfterRows = int.MaxValue)
    {
        int calls = 0, rows = 0;
        FeatureSource s = (start, count, output) =>
        {
            if (rows + count > failAfterRows) throw new OperationCanceledException("simulated interruption");
            calls++;
            rows += count;
            for (int i = 0; i < count; i++)
                for (int j = 0; j < dim; j++)
                    output[i * dim + j] = Value(start + i, j);
        };
        return (s, () => calls, () => rows);
    }

    [Fact]
    public void MissExtractsThenHitReadsSameValuesWithoutCallingSource()
    {
        var cache = new FeatureCache(_root, _log.Add);
        var (src, calls, _) = Counting(3);
        var first = cache.GetOrCreate(Key(), 10, 3, src, labels: Enumerable.Range(0, 10).ToArray(), chunkRows: 4);
        Assert.False(first.FromCache);
        Assert.Equal(3, calls()); // chunks of 4, 4, 2
        var second = cache.GetOrCreate(Key(), 10, 3, src, chunkRows: 4);
        Assert.True(second.FromCache);
        Assert.Equal(3, calls());
        for (int r = 0; r < 10; r++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(Value(r, j), second.X[r * 3 + j]);
        var onDisk = Npy.ReadFile(cache.PathFor(Key()));
        Assert.Equal(new[] { 10, 3 }, onDisk.GetShape());
        Assert.Equal(Enumerable.Range(0, 10).ToArray(), Npy.ReadFile(cache.LabelsPathFor(Key())).ToInt32Array());
        Assert.Equal(first.Sidecar.FileSha256, second.Sidecar.FileSha256);
    }

    [Fact]
    public async Task TwoConcurrentExtractionsOfOneEntryExtractOnceAndBothGetTheFeatures()
    {
        // Two caches on one root stand for two processes (the lock is a file lock, which also excludes a second open in
        // the same process). The first extraction is held inside its source until the second has started waiting.
        var first = new FeatureCache(_root, _log.Add);
        var secondLog = new List<string>();
        var second = new FeatureCache(_root, m => { lock (secondLog) secondLog.Add(m); });
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int calls = 0;
        FeatureSource slow = (start, count, output) =>
        {
            Interlocked.Increment(ref calls);
            inside.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            for (int i = 0; i < count; i++)
                for (int j = 0; j < 3; j++)
                    output[i * 3 + j] = Value(start + i, j);
        };
        var a = Task.Run(() => first.GetOrCreate(Key(), 10, 3, slow, chunkRows: 4));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(30)));
        var b = Task.Run(() => second.GetOrCreate(Key(), 10, 3, slow, chunkRows: 4));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !secondLog.ToArray().Any(m => m.Contains("another process is extracting mnist/train", StringComparison.Ordinal)))
            await Task.Delay(20);
        release.Set();
        var (ra, rb) = (await a, await b);
        Assert.Equal(3, calls); // chunks of 4, 4, 2, all by the first; the second waited and read the finished entry
        Assert.False(ra.FromCache);
        Assert.True(rb.FromCache);
        Assert.True(secondLog.Any(m => m.Contains("another process is extracting mnist/train", StringComparison.Ordinal)), string.Join(" | ", secondLog));
        Assert.Contains(secondLog, m => m.Contains("was extracted by another process meanwhile", StringComparison.Ordinal));
        Assert.Equal(ra.X, rb.X);
    }

    [Fact]
    public void ChangedDataChecksumOrWeightsInvalidates()
    {
        var cache = new FeatureCache(_root, _log.Add);
        var (src, calls, _) = Counting(2);
        cache.GetOrCreate(Key(), 5, 2, src);
        Assert.Equal(1, calls());
        Assert.False(cache.GetOrCreate(Key(checksum: "data2"), 5, 2, src).FromCache); // same file, stale sidecar
        Assert.Contains(_log, m => m.Contains("stale"));
        Assert.Equal(2, calls());
        var otherWeights = Key(weights: "w2");
        Assert.NotEqual(cache.FolderFor(Key()), cache.FolderFor(otherWeights));
        Assert.False(cache.GetOrCreate(otherWeights, 5, 2, src).FromCache);
        Assert.Equal(3, calls());
    }

    [Fact]
    public void CorruptedFileIsDetectedAndRebuilt()
    {
        var cache = new FeatureCache(_root, _log.Add);
        var (src, calls, _) = Counting(4);
        cache.GetOrCreate(Key(), 8, 4, src);
        string path = cache.PathFor(Key());
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x40; // flip one bit of the last value, size unchanged
        File.WriteAllBytes(path, bytes);
        Assert.False(cache.TryLoad(Key(), out _, out string? problem));
        Assert.Contains("SHA-256", problem);
        var rebuilt = cache.GetOrCreate(Key(), 8, 4, src);
        Assert.False(rebuilt.FromCache);
        Assert.Equal(2, calls());
        Assert.Contains(_log, m => m.Contains("rebuilding"));
        Assert.Equal(Value(7, 3), rebuilt.X[^1]);

        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 4).ToArray()); // truncated
        Assert.False(cache.TryLoad(Key(), out _, out problem));
        Assert.Contains("size", problem);
    }

    [Fact]
    public void InterruptedExtractionResumesFromFinishedChunks()
    {
        var cache = new FeatureCache(_root, _log.Add);
        var (failing, _, rowsDone) = Counting(2, failAfterRows: 6);
        Assert.Throws<OperationCanceledException>(() => cache.GetOrCreate(Key(), 10, 2, failing, chunkRows: 3));
        Assert.Equal(6, rowsDone()); // two chunks of 3 written before the interruption
        Assert.False(File.Exists(cache.PathFor(Key())));
        var (src, _, rows) = Counting(2);
        var result = cache.GetOrCreate(Key(), 10, 2, src, chunkRows: 3);
        Assert.Equal(4, rows()); // only the remaining 3 + 1 rows were computed
        Assert.Contains(_log, m => m.Contains("resumed 6 of 10"));
        for (int r = 0; r < 10; r++) Assert.Equal(Value(r, 1), result.X[r * 2 + 1]);
        Assert.Empty(Directory.EnumerateDirectories(cache.FolderFor(Key()), "*.partial-*"));
    }

    [Fact]
    public void ProgressReportsEveryChunkAndListShowsEntry()
    {
        var cache = new FeatureCache(_root);
        var (src, _, _) = Counting(1);
        var seen = new List<ExtractionProgress>();
        cache.GetOrCreate(Key(), 7, 1, src, progress: new SyncProgress(seen.Add), chunkRows: 3);
        Assert.Equal(new[] { 3, 6, 7 }, seen.Select(p => p.Done).ToArray());
        Assert.All(seen, p => Assert.Equal(7, p.Total));
        var list = cache.List();
        Assert.Single(list);
        Assert.Equal(new[] { 7, 1 }, list[0].Sidecar.Shape);
        Assert.Equal("toy", list[0].Sidecar.Extractor);
    }

    private sealed class SyncProgress(Action<ExtractionProgress> f) : IProgress<ExtractionProgress>
    {
        public void Report(ExtractionProgress value) => f(value);
    }
}
