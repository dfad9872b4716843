namespace HEPrune.Core.He;

/// <summary>Thrown when an operation needs a level the ciphertext no longer has.</summary>
public sealed class LevelExhaustedException : InvalidOperationException
{
    /// <summary>Creates the exception with a message naming the operation and the levels.</summary>
    public LevelExhaustedException(string operation, int level, int needed)
        : base($"{operation}: ciphertext at level {level} but the operation needs {needed} level(s); refresh first.")
    {
        Level = level;
    }

    /// <summary>Level of the offending ciphertext.</summary>
    public int Level { get; }
}
