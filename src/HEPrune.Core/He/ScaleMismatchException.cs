namespace HEPrune.Core.He;

/// <summary>Thrown when two operands of an addition carry different CKKS scales.</summary>
public sealed class ScaleMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a message naming the operation and both scales.</summary>
    public ScaleMismatchException(string operation, double scaleA, double scaleB)
        : base($"{operation}: scale 2^{Math.Log2(scaleA):F6} differs from 2^{Math.Log2(scaleB):F6}.")
    {
    }
}
