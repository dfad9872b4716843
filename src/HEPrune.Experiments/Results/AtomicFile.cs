using System.Runtime.InteropServices;
using System.Text;

namespace HEPrune.Experiments.Results;

/// <summary>Crash-safe file replacement: write a temporary sibling, flush it to disk, rename it over the target.</summary>
/// <remarks>
/// A reader sees the old file or the new one, never a torn one. Temporary files are named <c>&lt;target&gt;.tmp-&lt;guid&gt;</c>;
/// a crash can leave one behind, which <see cref="CleanTemporaries"/> removes.
/// </remarks>
public static partial class AtomicFile
{
    /// <summary>The marker in temporary file names.</summary>
    public const string TempMarker = ".tmp-";

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8, no BOM) atomically and durably.</summary>
    public static void WriteAllText(string path, string text)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = path + TempMarker + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(text);
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        SyncDirectory(dir);
    }

    /// <summary>Deletes leftover temporary files in <paramref name="directory"/>; returns how many were removed.</summary>
    public static int CleanTemporaries(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        var n = 0;
        foreach (var f in Directory.EnumerateFiles(directory, "*" + TempMarker + "*"))
            if (TryDelete(f)) n++;
        return n;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>fsync the directory so the rename itself survives a power loss (Linux; best effort elsewhere).</summary>
    private static void SyncDirectory(string dir)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Open(dir, 0); // O_RDONLY
        if (fd < 0) return;
        _ = Fsync(fd);
        _ = Close(fd);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
