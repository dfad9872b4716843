using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using HEPrune.Core.Data;
using HEPrune.Core.Data.Acquisition;

namespace HEPrune.Core.Tests.Data.Acquisition;

/// <summary>Downloader tests against a loopback server only (never the internet).</summary>
public sealed class DatasetDownloaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dl").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_root, true);
    }

    [Fact]
    public async Task Snips_is_fetched_from_a_mirror_verified_against_the_published_sha256_and_loads()
    {
        string snips = RealData.Dir(DatasetId.Snips);
        var files = new Dictionary<string, byte[]>();
        foreach (string n in new[] { "train.txt", "dev.txt", "test.txt" })
        {
            files["snips/" + n] = File.ReadAllBytes(Path.Combine(snips, n));
        }

        using var server = new LoopbackHttpServer(files);
        var dl = new DatasetDownloader(_http, server.BaseUrl);
        Assert.Equal(new Uri(server.BaseUrl + "snips/train.txt"), dl.UrlOf(DatasetSources.For(DatasetId.Snips).Files[0]));
        await dl.DownloadAsync(DatasetSources.For(DatasetId.Snips), _root);
        Assert.Equal(3, server.Requests.Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "snips"), "*.part"));

        DatasetSplits d = DatasetLoader.Load(DatasetId.Snips, new DataLoadOptions { DataRoot = _root });
        Assert.Equal(Path.Combine(_root, "snips"), d.Source);
        Assert.Equal(13_084, d.Train.Count);

        // A second run finds verified files and makes no request.
        await dl.DownloadAsync(DatasetSources.For(DatasetId.Snips), _root);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Checksum_mismatch_discards_the_download_and_keeps_the_old_file()
    {
        byte[] good = "good content\n"u8.ToArray();
        string goodHash = Convert.ToHexStringLower(SHA256.HashData(good));
        using var server = new LoopbackHttpServer(new Dictionary<string, byte[]> { ["x/file.bin"] = "tampered\n"u8.ToArray() });
        var dl = new DatasetDownloader(_http, server.BaseUrl);
        string target = Path.Combine(_root, "x", "file.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "old partial");

        var ex = await Assert.ThrowsAsync<DownloadException>(() => dl.DownloadFileAsync(new Uri(server.BaseUrl + "x/file.bin"), target, "sha256", goodHash));
        Assert.Contains("sha256 mismatch", ex.Message);
        Assert.Contains(goodHash, ex.Message);
        Assert.Contains("x/file.bin", ex.Message);
        Assert.Equal("old partial", File.ReadAllText(target)); // not replaced
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(target)!)); // no temp file left

        server.Files["x/file.bin"] = good;
        await dl.DownloadFileAsync(new Uri(server.BaseUrl + "x/file.bin"), target, "sha256", goodHash);
        Assert.Equal(good, File.ReadAllBytes(target));
    }

    [Fact]
    public async Task Md5_is_checked_and_http_errors_are_clear()
    {
        byte[] body = new byte[100_000];
        new Random(3).NextBytes(body);
        string md5 = Convert.ToHexStringLower(MD5.HashData(body));
        using var server = new LoopbackHttpServer(new Dictionary<string, byte[]> { ["a.bin"] = body });
        var dl = new DatasetDownloader(_http, server.BaseUrl);
        string target = Path.Combine(_root, "a.bin");
        await dl.DownloadFileAsync(new Uri(server.BaseUrl + "a.bin"), target, "md5", md5);
        Assert.Equal(body, File.ReadAllBytes(target));

        var ex = await Assert.ThrowsAsync<DownloadException>(() => dl.DownloadFileAsync(new Uri(server.BaseUrl + "missing.bin"), Path.Combine(_root, "m.bin"), "md5", md5));
        Assert.Contains("HTTP 404", ex.Message);
        Assert.Contains("missing.bin", ex.Message);
        Assert.False(File.Exists(Path.Combine(_root, "m.bin")));
    }

    [Fact]
    public async Task Official_sources_with_a_mirror_report_the_published_checksum_on_mismatch()
    {
        // A mirror serving wrong bytes for MNIST: the published md5 must reject them.
        using var server = new LoopbackHttpServer(new Dictionary<string, byte[]> { ["mnist/train-images-idx3-ubyte.gz"] = [1, 2, 3] });
        var dl = new DatasetDownloader(_http, server.BaseUrl);
        var ex = await Assert.ThrowsAsync<DownloadException>(() => dl.DownloadAsync(DatasetSources.For(DatasetId.Mnist), _root));
        Assert.Contains("f68b3c2dcbeaaa9fbdd348bbdeb94873", ex.Message);
        Assert.False(File.Exists(Path.Combine(_root, "mnist", "train-images-idx3-ubyte.gz")));
    }

    [Fact]
    public async Task Face_mask_is_not_downloadable()
    {
        var dl = new DatasetDownloader(_http, "http://127.0.0.1:9/");
        var ex = await Assert.ThrowsAsync<DownloadException>(() => dl.DownloadAsync(DatasetSources.For(DatasetId.FaceMask), _root));
        Assert.Contains("Kaggle", ex.Message);
    }

    [Fact]
    public async Task Tarball_is_extracted_safely_into_the_loader_layout()
    {
        // A small CIFAR-style archive: 2 train records per batch and 3 test records, plus a member outside the prefix.
        var tarGz = new MemoryStream();
        using (var gz = new GZipStream(tarGz, CompressionLevel.Fastest, leaveOpen: true))
        using (var tw = new TarWriter(gz, TarEntryFormat.Pax))
        {
            void Add(string name, byte[] data)
            {
                var e = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) };
                tw.WriteEntry(e);
            }

            for (int b = 1; b <= 5; b++)
            {
                Add($"cifar-10-batches-bin/data_batch_{b}.bin", Records(2, b));
            }

            Add("cifar-10-batches-bin/test_batch.bin", Records(3, 9));
            Add("cifar-10-batches-bin/batches.meta.txt", System.Text.Encoding.ASCII.GetBytes("airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n"));
            Add("readme.html", [1]);
        }

        byte[] archive = tarGz.ToArray();
        string md5 = Convert.ToHexStringLower(MD5.HashData(archive));
        using var server = new LoopbackHttpServer(new Dictionary<string, byte[]> { ["c/cifar.tar.gz"] = archive });
        var source = new DatasetSource(DatasetId.Cifar10,
            [new RemoteFile("https://example.invalid/never-used", "c/cifar.tar.gz", "cifar10/cifar.tar.gz", "md5", md5, "cifar10", "cifar-10-batches-bin")]);
        var dl = new DatasetDownloader(_http, server.BaseUrl);
        await dl.DownloadAsync(source, _root);
        Assert.False(File.Exists(Path.Combine(_root, "cifar10", "cifar.tar.gz")));
        Assert.False(File.Exists(Path.Combine(_root, "cifar10", "readme.html")));

        DatasetSplits d = DatasetLoader.Load(DatasetId.Cifar10, new DataLoadOptions { DataRoot = _root });
        Assert.Equal(10, d.Train.Count + d.Val.Count);
        Assert.Equal([9, 9, 9], d.Test.Labels);
        Assert.NotNull(d.Test.Warning); // 3 of 10,000 test images

        await dl.DownloadAsync(source, _root); // already extracted: no second request
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Path_traversal_members_are_refused()
    {
        string archive = Path.Combine(_root, "evil.tar.gz");
        using (var fs = File.Create(archive))
        using (var gz = new GZipStream(fs, CompressionLevel.Fastest))
        using (var tw = new TarWriter(gz, TarEntryFormat.Pax))
        {
            tw.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "cifar-10-batches-bin/../../escape.txt") { DataStream = new MemoryStream([1]) });
        }

        var ex = Assert.Throws<DownloadException>(() => DatasetDownloader.ExtractTarGz(archive, Path.Combine(_root, "out"), "cifar-10-batches-bin"));
        Assert.Contains("outside", ex.Message);
        Assert.False(File.Exists(Path.Combine(_root, "escape.txt")));
    }

    private static byte[] Records(int n, int label)
    {
        var b = new byte[n * 3073];
        for (int i = 0; i < n; i++)
        {
            b[i * 3073] = (byte)label;
        }

        return b;
    }
}
