namespace HEPrune.Core.Data.Acquisition;

/// <summary>Thrown when a download fails (HTTP error, checksum mismatch, unsafe archive); the message names the URL or file.</summary>
public sealed class DownloadException : IOException
{
    /// <summary>Creates the exception with a message.</summary>
    public DownloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public DownloadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
