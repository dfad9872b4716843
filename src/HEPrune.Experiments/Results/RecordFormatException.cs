namespace HEPrune.Experiments.Results;

/// <summary>Thrown when a stored JSON file (run record, manifest, calibration) is corrupt or of another schema version.</summary>
public sealed class RecordFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public RecordFormatException(string file, string message, Exception? inner = null)
        : base($"{file}: {message}", inner) => File = file;

    /// <summary>The offending file.</summary>
    public string File { get; }
}
