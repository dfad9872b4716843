using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Running;

/// <summary>The on-disk layout of one experiment's results: runs/&lt;id&gt;.json, manifest.json, config.yaml.</summary>
public sealed class ResultStore
{
    /// <summary>Opens (without creating) the store at <paramref name="root"/>.</summary>
    public ResultStore(string root) => Root = root;

    /// <summary>The results folder.</summary>
    public string Root { get; }

    /// <summary>Folder of the run records.</summary>
    public string RunsDirectory => Path.Combine(Root, "runs");

    /// <summary>Path of the manifest.</summary>
    public string ManifestPath => Path.Combine(Root, "manifest.json");

    /// <summary>Path of the record of run <paramref name="id"/>.</summary>
    public string RecordPath(string id) => Path.Combine(RunsDirectory, id + ".json");

    /// <summary>Creates the folders and removes temporary files left by an interrupted write; returns how many were removed.</summary>
    public int Prepare()
    {
        Directory.CreateDirectory(RunsDirectory);
        return AtomicFile.CleanTemporaries(RunsDirectory) + AtomicFile.CleanTemporaries(Root);
    }

    /// <summary>Writes <paramref name="record"/> atomically as runs/&lt;id&gt;.json.</summary>
    public void Write(RunRecord record) => JsonFiles.Write(RecordPath(record.Id), record);

    /// <summary>Loads the record of run <paramref name="id"/>, or null when there is none.</summary>
    /// <exception cref="RecordFormatException">The file exists but is corrupt or of another schema.</exception>
    public RunRecord? TryLoad(string id) =>
        File.Exists(RecordPath(id)) ? JsonFiles.Read<RunRecord>(RecordPath(id), RunRecord.CurrentSchema) : null;

    /// <summary>Loads every record under runs/ (sorted by id).</summary>
    /// <exception cref="RecordFormatException">A record is corrupt or of another schema.</exception>
    public IReadOnlyList<RunRecord> LoadAll()
    {
        if (!Directory.Exists(RunsDirectory)) return [];
        return Directory.EnumerateFiles(RunsDirectory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => JsonFiles.Read<RunRecord>(f, RunRecord.CurrentSchema))
            .ToList();
    }

    /// <summary>Writes the manifest atomically.</summary>
    public void WriteManifest(Manifest manifest) => JsonFiles.Write(ManifestPath, manifest);
}
