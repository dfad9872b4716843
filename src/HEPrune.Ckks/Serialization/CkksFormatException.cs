namespace HEPrune.Ckks.Serialization;

/// <summary>Thrown when serialized bytes are malformed, truncated, of the wrong kind, for other parameters, or out of range.</summary>
public sealed class CkksFormatException : FormatException
{
    /// <summary>Creates the exception with a message that says what was expected.</summary>
    public CkksFormatException(string message)
        : base(message)
    {
    }
}
