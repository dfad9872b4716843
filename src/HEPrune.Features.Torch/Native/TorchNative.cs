using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace HEPrune.Features.Torch.Native;

/// <summary>
/// Makes TorchSharp's native library loadable on systems whose libstdc++ predates GCC 13 (e.g. Debian 12): it writes a
/// copy of <c>libLibTorchSharp.so</c> whose <c>GLIBCXX_3.4.32</c> requirement is marked weak and loads that copy before
/// the first torch call. Idempotent and thread-safe; call <see cref="EnsureLoaded"/> before using TorchSharp.
/// </summary>
/// <remarks>
/// The only symbol needing GLIBCXX_3.4.32 is GCC 13's iostream-init marker, which nothing calls, so a weak requirement
/// is safe. The patched copy lives in a directory that also holds links to libtorch's libraries (its RUNPATH is
/// <c>$ORIGIN</c>); it is cached under <c>$HEPRUNE_NATIVE_CACHE</c>, else <c>~/.cache/heprune/torchsharp</c>, else the temp
/// folder, keyed by the hash of the original file.
/// </remarks>
public static class TorchNative
{
    private const string LibName = "libLibTorchSharp.so";
    private const string WeakVersion = "GLIBCXX_3.4.32";
    private static readonly object Gate = new();
    private static string? _loadedFrom;

    /// <summary>Path of the native library that was loaded, or null before <see cref="EnsureLoaded"/> succeeded.</summary>
    public static string? LoadedFrom => Volatile.Read(ref _loadedFrom);

    /// <summary>Loads (once) a TorchSharp native library that works on this system; a no-op on non-Linux systems.</summary>
    /// <exception cref="InvalidOperationException">The library could not be found, patched or loaded; the message says why.</exception>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref _loadedFrom) is not null || !OperatingSystem.IsLinux())
            return;
        lock (Gate)
        {
            if (_loadedFrom is not null) return;
            string original = FindOriginal();
            // First try the original: on systems with a recent libstdc++ no patch is needed.
            if (NativeLibrary.TryLoad(original, out _))
            {
                Volatile.Write(ref _loadedFrom, original);
                return;
            }
            string patched = PreparePatchedCopy(original);
            try
            {
                NativeLibrary.Load(patched);
            }
            catch (DllNotFoundException e)
            {
                throw new InvalidOperationException(
                    $"TorchSharp's native library could not be loaded even after patching ({patched}): {e.Message}. " +
                    $"Check `ldd {patched}` for missing libraries.", e);
            }
            Volatile.Write(ref _loadedFrom, patched);
        }
    }

    /// <summary>Finds the unmodified <c>libLibTorchSharp.so</c> shipped with the application.</summary>
    internal static string FindOriginal()
    {
        var dirs = new List<string>();
        string baseDir = AppContext.BaseDirectory;
        dirs.Add(Path.Combine(baseDir, "runtimes", "linux-x64", "native"));
        dirs.Add(baseDir);
        string? asmDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (!string.IsNullOrEmpty(asmDir))
        {
            dirs.Add(Path.Combine(asmDir, "runtimes", "linux-x64", "native"));
            dirs.Add(asmDir);
        }
        foreach (var d in dirs)
        {
            string p = Path.Combine(d, LibName);
            if (File.Exists(p) && File.Exists(Path.Combine(d, "libtorch.so")))
                return p;
        }
        throw new InvalidOperationException(
            $"{LibName} together with libtorch.so was not found in any of: {string.Join(", ", dirs)}. " +
            "Reference the NuGet packages TorchSharp and libtorch-cpu-linux-x64 from the executable or test project.");
    }

    /// <summary>Writes (or reuses) the patched copy plus links to its sibling libraries and returns its path.</summary>
    internal static string PreparePatchedCopy(string original)
    {
        byte[] bytes = File.ReadAllBytes(original);
        string srcDir = Path.GetDirectoryName(original)!;
        // One folder per (library version, install location): its links point into that install location.
        string key = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12] + "-" +
                     Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(srcDir)))[..8];
        string dir = Path.Combine(CacheRoot(), key);
        string target = Path.Combine(dir, LibName);
        try
        {
            Directory.CreateDirectory(dir);
            // Links to every other shared library next to the original, so $ORIGIN resolves libtorch from here.
            foreach (var lib in Directory.EnumerateFiles(srcDir, "*.so*"))
            {
                string name = Path.GetFileName(lib);
                if (name == LibName) continue;
                string link = Path.Combine(dir, name);
                var info = new FileInfo(link);
                if (info.LinkTarget == lib) continue;
                if (info.Exists || info.LinkTarget is not null) File.Delete(link);
                try { File.CreateSymbolicLink(link, lib); }
                catch (IOException) when (new FileInfo(link).LinkTarget == lib) { } // created by a concurrent process
            }
            if (File.Exists(target) && new FileInfo(target).Length == bytes.Length)
                return target;
            var result = ElfVersionPatcher.MarkVersionWeak(bytes, WeakVersion);
            if (result == ElfVersionPatcher.Result.NotFound)
                throw new InvalidOperationException(
                    $"{original} could not be loaded and has no {WeakVersion} requirement to relax; " +
                    $"run `ldd {original}` to see what is missing.");
            string tmp = target + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, target, overwrite: true);
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Could not write the patched TorchSharp native library to {dir}: {e.Message}. " +
                "Set HEPRUNE_NATIVE_CACHE to a writable folder.", e);
        }
    }

    private static string CacheRoot()
    {
        string? env = Environment.GetEnvironmentVariable("HEPRUNE_NATIVE_CACHE");
        if (!string.IsNullOrWhiteSpace(env)) return env;
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string root = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
        return Path.Combine(root, "heprune", "torchsharp");
    }
}
