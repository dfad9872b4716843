using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Experiments.Results;

/// <summary>Reads the facts a record's provenance needs: git commit, tool version, machine.</summary>
public static class EnvironmentProbe
{
    /// <summary>The commit checked out in the repository containing <paramref name="start"/>, read from .git without running git; <c>unknown</c> when absent.</summary>
    /// <remarks>Handles worktrees (a .git file pointing at the real git dir), symbolic refs and packed-refs.</remarks>
    public static string GitCommit(string start)
    {
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var dotGit = Path.Combine(dir.FullName, ".git");
                string gitDir;
                if (Directory.Exists(dotGit)) gitDir = dotGit;
                else if (File.Exists(dotGit))
                {
                    var line = File.ReadAllText(dotGit).Trim();
                    if (!line.StartsWith("gitdir:", StringComparison.Ordinal)) return "unknown";
                    gitDir = Path.GetFullPath(Path.Combine(dir.FullName, line["gitdir:".Length..].Trim()));
                }
                else continue;
                return ResolveHead(gitDir) ?? "unknown";
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return "unknown";
    }

    private static string? ResolveHead(string gitDir)
    {
        var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal)) return head;
        var reference = head[4..].Trim();
        // Worktrees keep refs in the common dir.
        var common = File.Exists(Path.Combine(gitDir, "commondir"))
            ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim()))
            : gitDir;
        foreach (var root in new[] { gitDir, common })
        {
            var loose = Path.Combine(root, reference);
            if (File.Exists(loose)) return File.ReadAllText(loose).Trim();
        }
        var packed = Path.Combine(common, "packed-refs");
        if (File.Exists(packed))
            foreach (var line in File.ReadLines(packed))
                if (line.EndsWith(" " + reference, StringComparison.Ordinal)) return line[..line.IndexOf(' ')];
        return null;
    }

    /// <summary>The heprune tool version (informational assembly version).</summary>
    public static string ToolVersion() =>
        typeof(EnvironmentProbe).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The current machine.</summary>
    public static MachineInfo Machine() =>
        new(Environment.ProcessorCount, RuntimeInformation.OSDescription, CpuModel(), Simd(), RuntimeInformation.FrameworkDescription);

    /// <summary>The 1-minute load average from /proc/loadavg, or null where it cannot be read.</summary>
    public static double? LoadAverage()
    {
        try
        {
            if (!File.Exists("/proc/loadavg")) return null;
            var first = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (IOException) { return null; }
    }

    /// <summary>The CPU model name from /proc/cpuinfo, or <c>unknown</c>.</summary>
    public static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var i and > 0)
                        return line[(i + 1)..].Trim();
        }
        catch (IOException) { }
        return "unknown";
    }

    /// <summary>The hardware intrinsic sets this process can use.</summary>
    public static IReadOnlyList<string> Simd()
    {
        var list = new List<string>();
        if (Sse42.IsSupported) list.Add("sse4.2");
        if (Avx2.IsSupported) list.Add("avx2");
        if (Bmi2.X64.IsSupported) list.Add("bmi2");
        if (Avx512F.IsSupported) list.Add("avx512f");
        if (Avx512DQ.IsSupported) list.Add("avx512dq");
        if (AdvSimd.IsSupported) list.Add("neon");
        return list;
    }
}
