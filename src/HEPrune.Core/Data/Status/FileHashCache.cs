using System.Globalization;
using System.Security.Cryptography;

namespace HEPrune.Core.Data.Status;

/// <summary>Computes sha256/md5 of files, remembering results keyed by full path, size and modification time in a small tab-separated file.</summary>
public sealed class FileHashCache
{
    private readonly string? _cacheFile;
    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);
    private bool _dirty;

    /// <summary>Uses <paramref name="cacheFile"/> (created on <see cref="Save"/>); null keeps results in memory only.</summary>
    public FileHashCache(string? cacheFile)
    {
        _cacheFile = cacheFile;
        if (cacheFile is not null && File.Exists(cacheFile))
        {
            foreach (string line in File.ReadAllLines(cacheFile))
            {
                int tab = line.LastIndexOf('\t');
                if (tab > 0)
                {
                    _entries[line[..tab]] = line[(tab + 1)..];
                }
            }
        }
    }

    /// <summary>Returns the default cache file: <c>&lt;repo&gt;/.cache/data-hashes.tsv</c>, or one under the user's local application data.</summary>
    public static string DefaultPath()
    {
        IReadOnlyList<string> repos = DataLocator.FindRepoRoots();
        string dir = repos.Count > 0
            ? Path.Combine(repos[0], ".cache")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "heprune");
        return Path.Combine(dir, "data-hashes.tsv");
    }

    /// <summary>Number of hashes computed (not served from the cache) since construction.</summary>
    public int Computed { get; private set; }

    /// <summary>Returns the lowercase hex sha256 of <paramref name="path"/>.</summary>
    public string Sha256(string path) => Get(path, "sha256");

    /// <summary>Returns the lowercase hex md5 of <paramref name="path"/>.</summary>
    public string Md5(string path) => Get(path, "md5");

    private string Get(string path, string algorithm)
    {
        var info = new FileInfo(path);
        string full = info.FullName;
        if (info.LinkTarget is not null)
        {
            info = (FileInfo?)info.ResolveLinkTarget(true) ?? info;
        }

        string key = string.Join('\t', algorithm, full, info.Length.ToString(CultureInfo.InvariantCulture),
            info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
        if (_entries.TryGetValue(key, out string? hex))
        {
            return hex;
        }

        using FileStream fs = new(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        byte[] hash = algorithm == "md5" ? MD5.HashData(fs) : SHA256.HashData(fs);
        hex = Convert.ToHexStringLower(hash);
        _entries[key] = hex;
        _dirty = true;
        Computed++;
        return hex;
    }

    /// <summary>Writes the cache file if anything new was computed (failures to write are ignored: the cache is only an optimisation).</summary>
    public void Save()
    {
        if (_cacheFile is null || !_dirty)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_cacheFile)!);
            string tmp = _cacheFile + "." + Environment.ProcessId + ".tmp";
            File.WriteAllLines(tmp, _entries.Select(kv => kv.Key + "\t" + kv.Value));
            File.Move(tmp, _cacheFile, overwrite: true);
            _dirty = false;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
