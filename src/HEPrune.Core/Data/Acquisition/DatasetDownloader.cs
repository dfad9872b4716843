using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace HEPrune.Core.Data.Acquisition;

/// <summary>Downloads dataset files over HTTP(S): streams to a temporary file, verifies the published checksum, then renames it into place.</summary>
/// <remarks>With a base URL, every file is fetched from <c>{base}/{MirrorPath}</c> instead of its official URL (a local mirror,
/// or a loopback server in tests). Files already present with the right checksum are not fetched again.</remarks>
public sealed class DatasetDownloader
{
    private readonly HttpClient _http;
    private readonly Uri? _baseUrl;

    /// <summary>Uses <paramref name="http"/> for requests; <paramref name="baseUrl"/> (optional) replaces the official hosts.</summary>
    public DatasetDownloader(HttpClient http, string? baseUrl = null)
    {
        _http = http;
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            _baseUrl = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        }
    }

    /// <summary>Called with a line of progress text (file fetched, skipped, extracted).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Returns the URL a file is fetched from (the mirror when a base URL is set).</summary>
    public Uri UrlOf(RemoteFile file) => _baseUrl is null ? new Uri(file.Url) : new Uri(_baseUrl, file.MirrorPath);

    /// <summary>Fetches every file of <paramref name="source"/> into <paramref name="dataRoot"/>; throws when the dataset cannot be downloaded.</summary>
    public async Task DownloadAsync(DatasetSource source, string dataRoot, CancellationToken ct = default)
    {
        if (source.NotDownloadableReason is not null)
        {
            throw new DownloadException($"{source.Id.Name()}: {source.NotDownloadableReason}");
        }

        foreach (RemoteFile f in source.Files)
        {
            string target = Path.Combine(dataRoot, f.TargetPath.Replace('/', Path.DirectorySeparatorChar));
            if (f.ExtractTo is not null && ExtractedMarker(dataRoot, f) is string marker && File.Exists(marker) && File.ReadAllText(marker).Trim() == f.ExpectedHash)
            {
                Log?.Invoke($"{source.Id.Name()}: {f.TargetPath} already downloaded and extracted");
                continue;
            }

            await DownloadFileAsync(UrlOf(f), target, f.Algorithm, f.ExpectedHash, ct).ConfigureAwait(false);
            if (f.ExtractTo is not null)
            {
                string dest = Path.Combine(dataRoot, f.ExtractTo.Replace('/', Path.DirectorySeparatorChar));
                ExtractTarGz(target, dest, f.ExtractPrefix);
                File.WriteAllText(ExtractedMarker(dataRoot, f)!, f.ExpectedHash);
                File.Delete(target);
                Log?.Invoke($"{source.Id.Name()}: extracted {Path.GetFileName(target)} into {dest}");
            }
        }
    }

    private static string? ExtractedMarker(string dataRoot, RemoteFile f) =>
        f.ExtractTo is null ? null : Path.Combine(dataRoot, f.ExtractTo.Replace('/', Path.DirectorySeparatorChar), "." + Path.GetFileName(f.TargetPath) + ".extracted");

    /// <summary>Downloads <paramref name="url"/> to <paramref name="target"/> if it is not already there with the expected checksum.</summary>
    public async Task DownloadFileAsync(Uri url, string target, string algorithm, string expectedHash, CancellationToken ct = default)
    {
        if (File.Exists(target) && Hash(target, algorithm) == expectedHash)
        {
            Log?.Invoke($"{target}: present, {algorithm} verified");
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        string tmp = $"{target}.{Guid.NewGuid():N}.part";
        try
        {
            using (HttpResponseMessage response = await Send(url, ct).ConfigureAwait(false))
            {
                await using var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await response.Content.CopyToAsync(fs, ct).ConfigureAwait(false);
            }

            string actual = Hash(tmp, algorithm);
            if (actual != expectedHash)
            {
                throw new DownloadException($"{url}: {algorithm} mismatch, expected {expectedHash} but the download has {actual} "
                    + $"({new FileInfo(tmp).Length} bytes); the file was discarded");
            }

            File.Move(tmp, target, overwrite: true);
            Log?.Invoke($"{target}: downloaded from {url}, {algorithm} verified");
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    private async Task<HttpResponseMessage> Send(Uri url, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new DownloadException($"{url}: request failed: {ex.Message} (offline? use --base-url for a local mirror)", ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            string status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            response.Dispose();
            throw new DownloadException($"{url}: {status}");
        }

        return response;
    }

    /// <summary>Returns the lowercase hex digest of a file (<c>sha256</c> or <c>md5</c>).</summary>
    public static string Hash(string path, string algorithm)
    {
        using FileStream fs = File.OpenRead(path);
        return Convert.ToHexStringLower(algorithm switch
        {
            "sha256" => SHA256.HashData(fs),
            "md5" => MD5.HashData(fs),
            _ => throw new ArgumentException($"unknown hash algorithm '{algorithm}'"),
        });
    }

    /// <summary>Extracts the regular files under <paramref name="prefix"/> of a .tar.gz into <paramref name="destination"/>, refusing unsafe paths.</summary>
    public static void ExtractTarGz(string archive, string destination, string? prefix)
    {
        string root = Path.GetFullPath(destination);
        using FileStream fs = File.OpenRead(archive);
        try
        {
            using var gz = new GZipStream(fs, CompressionMode.Decompress);
            using var reader = new TarReader(gz);
            while (reader.GetNextEntry() is TarEntry e)
            {
                string name = e.Name.Replace('\\', '/').TrimStart('.', '/');
                if (e.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }

                if (prefix is not null && !name.StartsWith(prefix + "/", StringComparison.Ordinal))
                {
                    continue;
                }

                string path = Path.GetFullPath(Path.Combine(root, name));
                if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || name.Split('/').Contains(".."))
                {
                    throw new DownloadException($"{archive}: member '{e.Name}' would be written outside {root}; refusing to extract");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                string tmp = path + ".part";
                e.ExtractToFile(tmp, overwrite: true);
                File.Move(tmp, path, overwrite: true);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DownloadException($"{archive}: corrupt archive: {ex.Message}", ex);
        }
    }
}
