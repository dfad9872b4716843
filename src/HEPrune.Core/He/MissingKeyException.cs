namespace HEPrune.Core.He;

/// <summary>Thrown when a rotation or conjugation needs an evaluation key that was not generated.</summary>
public sealed class MissingKeyException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the operation and the missing step.</summary>
    public MissingKeyException(string operation, string key)
        : base($"{operation}: no evaluation key for {key}.")
    {
    }
}
