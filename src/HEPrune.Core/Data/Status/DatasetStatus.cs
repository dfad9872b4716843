namespace HEPrune.Core.Data.Status;

/// <summary>How a file's checksum compares with the reference table.</summary>
public enum ChecksumState
{
    /// <summary>The checksum equals the published one.</summary>
    Match,

    /// <summary>The checksum differs from the published one: the file is damaged or a different version.</summary>
    Mismatch,

    /// <summary>No published checksum exists for this copy (e.g. a decompressed or recompressed IDX file); content is checked by counts.</summary>
    NoReference,

    /// <summary>Hashing was skipped.</summary>
    NotChecked,
}

/// <summary>One data file: path, size and checksum comparison.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Algorithm">sha256 or md5, or null when not hashed.</param>
/// <param name="Actual">The computed hex digest, or null.</param>
/// <param name="Expected">The reference hex digest, or null.</param>
/// <param name="State">The comparison result.</param>
public sealed record FileStatus(string Path, long Bytes, string? Algorithm, string? Actual, string? Expected, ChecksumState State);

/// <summary>One split's size and per-class counts.</summary>
/// <param name="Name">train, val or test.</param>
/// <param name="Count">Number of examples.</param>
/// <param name="PerClass">Examples per label.</param>
/// <param name="Warning">The split's caveat, or null.</param>
public sealed record SplitStatus(string Name, int Count, int[] PerClass, string? Warning);

/// <summary>Everything <c>heprune data status</c> reports about one dataset.</summary>
public sealed record DatasetStatus
{
    /// <summary>The dataset id, e.g. <c>cifar10</c>.</summary>
    public required string Dataset { get; init; }

    /// <summary>True when the files were found.</summary>
    public required bool Found { get; init; }

    /// <summary>The folder the files were found in, or null.</summary>
    public string? Directory { get; init; }

    /// <summary>The search rule that found it (e.g. <c>HEPRUNE_DATA</c>), or null.</summary>
    public string? Origin { get; init; }

    /// <summary>Every folder searched, in order.</summary>
    public required IReadOnlyList<string> Searched { get; init; }

    /// <summary>How to get the dataset when it is missing (null when found).</summary>
    public string? HowToGet { get; init; }

    /// <summary>The data files with their checksum state.</summary>
    public IReadOnlyList<FileStatus> Files { get; init; } = [];

    /// <summary>Class names by label.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>train, val, test sizes and per-class counts.</summary>
    public IReadOnlyList<SplitStatus> Splits { get; init; } = [];

    /// <summary>True when the per-class counts equal the published ones, false when they differ, null when not loaded.</summary>
    public bool? CountsMatchPublished { get; init; }

    /// <summary>What the counts were compared with, or how they differ.</summary>
    public string? CountsDetail { get; init; }

    /// <summary>Caveats (e.g. CIFAR-10's partial test set).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The load error, when the files were found but could not be read.</summary>
    public string? Error { get; init; }
}
