using System.IO.Compression;

namespace HEPrune.Core.IO;

/// <summary>Reads and writes numpy .npz archives (a zip of <c>name.npy</c> members, stored or deflated).</summary>
public sealed class Npz : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly string _path;

    private Npz(ZipArchive zip, string path)
    {
        _zip = zip;
        _path = path;
        var keys = new List<string>();
        foreach (ZipArchiveEntry e in zip.Entries)
        {
            if (e.FullName.EndsWith(".npy", StringComparison.Ordinal))
            {
                keys.Add(e.FullName[..^4]);
            }
        }

        Keys = keys;
    }

    /// <summary>The array names in archive order (member names without the <c>.npy</c> suffix).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Opens an .npz file for reading members one at a time.</summary>
    public static Npz Open(string path)
    {
        FileStream fs = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return new Npz(new ZipArchive(fs, ZipArchiveMode.Read, leaveOpen: false), path);
        }
        catch (InvalidDataException ex)
        {
            fs.Dispose();
            throw new DataFormatException(path, $"not a valid .npz (zip) archive: {ex.Message}", ex);
        }
    }

    /// <summary>Reads every array of an .npz file, in archive order.</summary>
    public static IReadOnlyList<KeyValuePair<string, NpyArray>> ReadAll(string path)
    {
        using Npz npz = Open(path);
        var result = new List<KeyValuePair<string, NpyArray>>();
        foreach (string key in npz.Keys)
        {
            result.Add(new(key, npz.Read(key)));
        }

        return result;
    }

    /// <summary>Reads the array named <paramref name="key"/>; throws naming the file and the available keys when absent.</summary>
    public NpyArray Read(string key)
    {
        ZipArchiveEntry entry = _zip.GetEntry(key + ".npy")
            ?? throw new DataFormatException(_path, $"no array '{key}' in the archive (keys: {string.Join(", ", Keys)})");
        string source = $"{_path}[{key}.npy]";
        byte[] bytes;
        try
        {
            if (entry.Length > Array.MaxLength)
            {
                throw new DataFormatException(source, $"member of {entry.Length} bytes is too large");
            }

            bytes = new byte[entry.Length];
            using Stream s = entry.Open();
            int got = Npy.ReadFully(s, bytes);
            if (got != bytes.Length || s.ReadByte() >= 0)
            {
                throw new DataFormatException(source, $"member inflates to {(got != bytes.Length ? got.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more than " + bytes.Length)} bytes, but the zip directory says {entry.Length}");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DataFormatException(source, $"corrupt zip member: {ex.Message}", ex);
        }

        // ZipArchive does not verify member checksums when reading, so damaged deflate data could decode silently.
        uint crc = Crc32.Compute(bytes);
        if (crc != entry.Crc32)
        {
            throw new DataFormatException(source, $"CRC-32 mismatch (stored {entry.Crc32:X8}, computed {crc:X8}): the archive is corrupt");
        }

        return Npy.Read(new MemoryStream(bytes, writable: false), source);
    }

    /// <summary>Writes arrays to an .npz file (deflated like <c>numpy.savez_compressed</c> when <paramref name="compress"/>, else stored like <c>numpy.savez</c>).</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays, bool compress = true)
    {
        string tmp = path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var zip = new ZipArchive(fs, ZipArchiveMode.Create))
        {
            foreach (var (key, array) in arrays)
            {
                ZipArchiveEntry e = zip.CreateEntry(key + ".npy", compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using Stream s = e.Open();
                Npy.Write(s, array);
            }
        }

        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Closes the archive.</summary>
    public void Dispose() => _zip.Dispose();
}
