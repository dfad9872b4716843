namespace HEPrune.Ckks.Scheme;

/// <summary>Thrown when a parameter literal cannot form a valid (or secure) CKKS parameter set; the message names the field and limit.</summary>
public sealed class InvalidParametersException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the offending field.</summary>
    public InvalidParametersException(string message)
        : base(message)
    {
    }
}

/// <summary>Thrown when two operands' scales differ by more than the evaluator's tolerance (e.g. in Add).</summary>
public sealed class ScaleMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a message giving both scales.</summary>
    public ScaleMismatchException(string message)
        : base(message)
    {
    }
}

/// <summary>Thrown when an operand belongs to another parameter set (different fingerprint).</summary>
public sealed class ParametersMismatchException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public ParametersMismatchException(string message)
        : base(message)
    {
    }
}

/// <summary>Thrown when an operation needs an evaluation key that was not generated; the message names the rotation step and Galois element.</summary>
public sealed class MissingKeyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public MissingKeyException(string message)
        : base(message)
    {
    }
}

/// <summary>Thrown when an operation needs more levels than the ciphertext has left, or a scale that the remaining modulus cannot hold.</summary>
public sealed class LevelExhaustedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public LevelExhaustedException(string message)
        : base(message)
    {
    }
}

/// <summary>Thrown when a ciphertext is key-switched above the level a level-restricted switching key covers; the message names both levels.</summary>
public sealed class KeyLevelException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public KeyLevelException(string message)
        : base(message)
    {
    }
}
