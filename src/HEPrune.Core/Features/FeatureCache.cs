using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HEPrune.Core.IO;

namespace HEPrune.Core.Features;

/// <summary>Computes features of rows [start, start + count) into <c>output</c> (count × dim, row-major).</summary>
public delegate void FeatureSource(int start, int count, Span<float> output);

/// <summary>A feature matrix served by the cache.</summary>
/// <param name="X">Rows × Dim float32, row-major.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Dim">Feature dimension.</param>
/// <param name="Sidecar">Metadata of the cached file.</param>
/// <param name="FromCache">True when read from disk, false when extracted in this call.</param>
/// <param name="Path">The .npy file.</param>
public sealed record CachedFeatures(float[] X, int Rows, int Dim, FeatureSidecar Sidecar, bool FromCache, string Path);

/// <summary>
/// On-disk cache of extracted features: one float32 .npy (rows × dim) plus a JSON sidecar per (extractor, dataset, split),
/// under <c>&lt;root&gt;/&lt;dataset&gt;/&lt;extractor&gt;-&lt;hash&gt;/&lt;split&gt;.npy</c>. Extraction runs in chunks that are
/// written as they finish, so an interrupted run resumes; the chunks are merged at the end. Every file is written to a
/// temporary name and renamed. On read the file size and SHA-256 are checked against the sidecar; a stale or corrupted
/// entry is reported and rebuilt.
/// </summary>
public sealed class FeatureCache
{
    private readonly Action<string> _log;

    /// <summary>Creates a cache rooted at <paramref name="root"/>; <paramref name="log"/> receives human-readable notices.</summary>
    public FeatureCache(string root, Action<string>? log = null)
    {
        Root = root;
        _log = log ?? (_ => { });
    }

    /// <summary>The cache at <see cref="RepoPaths.FeatureCache"/> (<c>$HEPRUNE_CACHE</c> or <c>&lt;repo&gt;/.cache/features</c>).</summary>
    public static FeatureCache Default(Action<string>? log = null) => new(RepoPaths.FeatureCache(), log);

    /// <summary>Root folder.</summary>
    public string Root { get; }

    /// <summary>Folder holding all splits of one dataset for one extractor configuration.</summary>
    public string FolderFor(FeatureKey key) => Path.Combine(Root, key.Dataset, $"{key.Extractor}-{key.ExtractorHash}");

    /// <summary>Path of the feature file of <paramref name="key"/>.</summary>
    public string PathFor(FeatureKey key) => Path.Combine(FolderFor(key), key.Split + ".npy");

    /// <summary>Path of the label file written next to the features (int32, one per row).</summary>
    public string LabelsPathFor(FeatureKey key) => Path.Combine(FolderFor(key), key.Split + ".labels.npy");

    private static string SidecarPath(string npy) => Path.ChangeExtension(npy, ".json");

    /// <summary>Reads the entry if it exists, matches the key and passes the size and hash checks.</summary>
    /// <param name="key">The entry.</param>
    /// <param name="result">The features when found.</param>
    /// <param name="problem">Why an existing entry was rejected (null when none exists or it is fine).</param>
    public bool TryLoad(FeatureKey key, out CachedFeatures? result, out string? problem)
    {
        result = null;
        problem = null;
        string npy = PathFor(key), side = SidecarPath(npy);
        if (!File.Exists(npy) && !File.Exists(side)) return false;
        if (!File.Exists(npy) || !File.Exists(side)) { problem = $"incomplete entry ({(File.Exists(npy) ? side : npy)} missing)"; return false; }
        FeatureSidecar? meta;
        try
        {
            meta = JsonSerializer.Deserialize<FeatureSidecar>(File.ReadAllText(side), FeatureSidecar.Json);
        }
        catch (JsonException e)
        {
            problem = $"unreadable sidecar {side}: {e.Message}";
            return false;
        }
        if (meta is null) { problem = $"empty sidecar {side}"; return false; }
        if (meta.KeyHash != key.Hash) { problem = "stale entry (data, weights or preprocessing changed)"; return false; }
        long size = new FileInfo(npy).Length;
        if (size != meta.Bytes) { problem = $"size {size} B differs from the recorded {meta.Bytes} B"; return false; }
        byte[] bytes = File.ReadAllBytes(npy);
        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (sha != meta.FileSha256) { problem = $"SHA-256 {sha[..12]}… differs from the recorded {meta.FileSha256[..12]}…"; return false; }
        NpyArray arr;
        try
        {
            using var ms = new MemoryStream(bytes, writable: false);
            arr = Npy.Read(ms, npy);
        }
        catch (DataFormatException e)
        {
            problem = e.Message;
            return false;
        }
        var shape = arr.GetShape();
        if (shape.Length != 2 || shape[0] != meta.Shape[0] || shape[1] != meta.Shape[1])
        {
            problem = $"shape ({string.Join(",", shape)}) differs from the recorded ({string.Join(",", meta.Shape)})";
            return false;
        }
        result = new CachedFeatures(arr.ToArray<float>(), shape[0], shape[1], meta, true, npy);
        return true;
    }

    /// <summary>
    /// Returns the cached features of <paramref name="key"/>, or extracts them with <paramref name="source"/> in chunks of
    /// <paramref name="chunkRows"/> rows (resuming finished chunks of an interrupted run), stores and returns them.
    /// </summary>
    /// <param name="key">The entry.</param>
    /// <param name="rows">Rows of the split.</param>
    /// <param name="dim">Feature dimension.</param>
    /// <param name="source">Computes features of a row range.</param>
    /// <param name="labels">Labels written next to the features (optional; length = rows).</param>
    /// <param name="progress">Receives progress after every chunk.</param>
    /// <param name="chunkRows">Rows per chunk file.</param>
    /// <param name="cancel">Stops between chunks; finished chunks stay on disk for the next run.</param>
    public CachedFeatures GetOrCreate(FeatureKey key, int rows, int dim, FeatureSource source, int[]? labels = null,
        IProgress<ExtractionProgress>? progress = null, int chunkRows = 2048, CancellationToken cancel = default)
    {
        if (rows < 0 || dim < 1) throw new ArgumentException($"bad shape {rows}×{dim}");
        if (chunkRows < 1) throw new ArgumentOutOfRangeException(nameof(chunkRows), chunkRows, "chunk size must be ≥ 1");
        if (labels is not null && labels.Length != rows) throw new ArgumentException($"{labels.Length} labels for {rows} rows");
        if (TryLoadShaped(key, rows, dim, out var hit, out string? problem)) return hit!;

        // One extraction per entry at a time, across processes (two `heprune run`s on the same dataset used to write into
        // the same partial folder and fail when the first one merged and deleted it). The lock file stays on disk: deleting
        // it would let a third process lock a new file while the second still holds the old one.
        string dir = FolderFor(key);
        Directory.CreateDirectory(dir);
        using var entryLock = AcquireLock(Path.Combine(dir, key.Split + ".lock"), $"{key.Dataset}/{key.Split}", cancel);
        if (TryLoadShaped(key, rows, dim, out hit, out problem))
        {
            _log($"feature cache: {key.Dataset}/{key.Split} was extracted by another process meanwhile; using it");
            return hit!;
        }
        string npy = PathFor(key);
        if (problem is not null)
        {
            _log($"feature cache: {npy}: {problem}; rebuilding");
            File.Delete(npy);
            File.Delete(SidecarPath(npy));
        }

        string partial = Path.Combine(dir, $"{key.Split}.partial-{key.Hash[..12]}");
        Directory.CreateDirectory(partial);
        string elapsedFile = Path.Combine(partial, "elapsed-seconds.txt");
        double previous = File.Exists(elapsedFile) && double.TryParse(File.ReadAllText(elapsedFile), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var x = new float[(long)rows * dim];
        var sw = Stopwatch.StartNew();
        int extractedNow = 0, resumed = 0;
        for (int start = 0; start < rows; start += chunkRows)
        {
            cancel.ThrowIfCancellationRequested();
            int count = Math.Min(chunkRows, rows - start);
            var dst = x.AsSpan((int)((long)start * dim), count * dim);
            string chunk = Path.Combine(partial, $"chunk-{start:D9}.npy");
            if (File.Exists(chunk) && TryReadChunk(chunk, count, dim, dst))
            {
                resumed += count;
            }
            else
            {
                source(start, count, dst);
                Npy.WriteFile(chunk, NpyArray.Create<float>(dst, count, dim));
                extractedNow += count;
                File.WriteAllText(elapsedFile, (previous + sw.Elapsed.TotalSeconds).ToString("R", CultureInfo.InvariantCulture));
            }
            progress?.Report(new ExtractionProgress(key.Dataset, key.Split, start + count, rows,
                extractedNow / Math.Max(1e-9, sw.Elapsed.TotalSeconds)));
        }
        if (resumed > 0) _log($"feature cache: resumed {resumed} of {rows} rows of {key.Dataset}/{key.Split} from {partial}");
        double seconds = previous + sw.Elapsed.TotalSeconds;

        Npy.WriteFile(npy, NpyArray.Create<float>(x, rows, dim));
        if (labels is not null) Npy.WriteFile(LabelsPathFor(key), NpyArray.Create<int>(labels, rows));
        byte[] written = File.ReadAllBytes(npy);
        var meta = new FeatureSidecar
        {
            Shape = new[] { rows, dim },
            Extractor = key.Extractor,
            WeightsHash = key.WeightsHash,
            Preprocessing = key.Preprocessing,
            Dataset = key.Dataset,
            Split = key.Split,
            DataChecksum = key.DataChecksum,
            KeyHash = key.Hash,
            Bytes = written.LongLength,
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(written)),
            Seconds = seconds,
            ItemsPerSecond = seconds > 0 ? rows / seconds : 0,
            CreatedAt = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
        };
        string side = SidecarPath(npy);
        File.WriteAllText(side + ".tmp", JsonSerializer.Serialize(meta, FeatureSidecar.Json));
        File.Move(side + ".tmp", side, overwrite: true);
        Directory.Delete(partial, recursive: true);
        return new CachedFeatures(x, rows, dim, meta, false, npy);
    }

    private bool TryLoadShaped(FeatureKey key, int rows, int dim, out CachedFeatures? hit, out string? problem)
    {
        if (!TryLoad(key, out hit, out problem)) return false;
        if (hit!.Rows == rows && hit.Dim == dim) return true;
        problem = $"cached shape {hit.Rows}×{hit.Dim} differs from the expected {rows}×{dim}";
        hit = null;
        return false;
    }

    // An exclusive lock on the entry's lock file (FileShare.None: flock on Unix, a sharing lock on Windows), waiting while
    // another process or thread holds it; the wait is announced once and can be cancelled.
    private FileStream AcquireLock(string path, string what, CancellationToken cancel)
    {
        var waiting = Stopwatch.StartNew();
        double announced = -1;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (announced < 0 || waiting.Elapsed.TotalSeconds - announced >= 60)
                {
                    _log($"feature cache: another process is extracting {what}; waiting for it to finish ({path}, {waiting.Elapsed.TotalSeconds:F0} s so far)");
                    announced = waiting.Elapsed.TotalSeconds;
                }
                if (cancel.WaitHandle.WaitOne(250)) cancel.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Every complete entry under the root with its sidecar (entries whose sidecar cannot be read are skipped).</summary>
    public IReadOnlyList<(string Path, FeatureSidecar Sidecar)> List()
    {
        var list = new List<(string, FeatureSidecar)>();
        if (!Directory.Exists(Root)) return list;
        foreach (var side in Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            try
            {
                var meta = JsonSerializer.Deserialize<FeatureSidecar>(File.ReadAllText(side), FeatureSidecar.Json);
                if (meta is not null) list.Add((Path.ChangeExtension(side, ".npy"), meta));
            }
            catch (JsonException)
            {
            }
        }
        return list;
    }

    private static bool TryReadChunk(string path, int count, int dim, Span<float> dst)
    {
        try
        {
            var arr = Npy.ReadFile(path);
            var shape = arr.GetShape();
            if (shape.Length != 2 || shape[0] != count || shape[1] != dim) return false;
            arr.ToArray<float>().AsSpan().CopyTo(dst);
            return true;
        }
        catch (Exception e) when (e is DataFormatException or IOException)
        {
            return false;
        }
    }
}
