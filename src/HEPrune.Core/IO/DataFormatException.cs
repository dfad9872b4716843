namespace HEPrune.Core.IO;

/// <summary>Thrown when a data file (npy, npz, png, IDX, CIFAR batch, csv, ...) is malformed; the message names the file.</summary>
public sealed class DataFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="source"/> (a path or member name) with a description of what was wrong.</summary>
    public DataFormatException(string source, string message)
        : base($"{source}: {message}")
    {
        DataSource = source;
        Detail = message;
    }

    /// <summary>Creates the exception with an inner cause (e.g. a zlib or zip error).</summary>
    public DataFormatException(string source, string message, Exception inner)
        : base($"{source}: {message}", inner)
    {
        DataSource = source;
        Detail = message;
    }

    /// <summary>The file path or archive member the problem was found in.</summary>
    public string DataSource { get; }

    /// <summary>The description of the problem, without the file name.</summary>
    public string Detail { get; }
}
