namespace HEPrune.Core.Features;

/// <summary>Locates the repository root and the folders the feature code uses (npm packages, feature cache).</summary>
public static class RepoPaths
{
    /// <summary>The repository root: the nearest ancestor of the current directory or of the application folder that holds
    /// <c>HEPrune.sln</c>; null when neither has one.</summary>
    public static string? RepoRoot() => FindUp(Directory.GetCurrentDirectory()) ?? FindUp(AppContext.BaseDirectory);

    /// <summary>The <c>node_modules</c> folder of the project's npm cache: <c>$HEPRUNE_NPM_DIR/node_modules</c> if set, else
    /// <c>&lt;repo&gt;/.cache/npm/node_modules</c>.</summary>
    public static string NpmModules()
    {
        string? env = Environment.GetEnvironmentVariable("HEPRUNE_NPM_DIR");
        if (!string.IsNullOrWhiteSpace(env)) return Path.Combine(env, "node_modules");
        return Path.Combine(RepoRoot() ?? Directory.GetCurrentDirectory(), ".cache", "npm", "node_modules");
    }

    /// <summary>The feature cache folder: <c>$HEPRUNE_CACHE</c> if set, else <c>&lt;repo&gt;/.cache/features</c>.</summary>
    public static string FeatureCache()
    {
        string? env = Environment.GetEnvironmentVariable("HEPRUNE_CACHE");
        if (!string.IsNullOrWhiteSpace(env)) return env;
        return Path.Combine(RepoRoot() ?? Directory.GetCurrentDirectory(), ".cache", "features");
    }

    /// <summary>Returns the folder of an installed npm package, or throws with the command that installs it.</summary>
    /// <exception cref="DirectoryNotFoundException">The package is not installed.</exception>
    public static string RequireNpmPackage(string name, string version)
    {
        string modules = NpmModules();
        string dir = Path.Combine(modules, name);
        if (File.Exists(Path.Combine(dir, "package.json"))) return dir;
        string npmDir = Path.GetDirectoryName(modules)!;
        throw new DirectoryNotFoundException(
            $"npm package {name}@{version} is not installed (looked in {dir}). Install it with:\n" +
            $"  mkdir -p {npmDir} && cd {npmDir} && npm install {name}@{version}\n" +
            $"or: HEPRUNE_NPM_EXTRA=\"{name}@{version}\" bash scripts/setup.sh");
    }

    private static string? FindUp(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "HEPrune.sln"))) return d.FullName;
        return null;
    }
}
