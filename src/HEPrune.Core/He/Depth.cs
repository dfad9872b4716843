namespace HEPrune.Core.He;

/// <summary>Helpers to reason about multiplicative depth and level budgets.</summary>
public static class Depth
{
    /// <summary>Returns the levels consumed between an input level and a result ciphertext.</summary>
    public static int Consumed(int inputLevel, HeCiphertext result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return inputLevel - result.Level;
    }

    /// <summary>Returns ⌈log2(n)⌉ for n ≥ 1 (0 for n = 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is less than 1.</exception>
    public static int CeilLog2(long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        int d = 0;
        while ((1L << d) < n) d++;
        return d;
    }

    /// <summary>Returns the minimal depth ⌈log2(degree+1)⌉ of a polynomial of the given degree.</summary>
    public static int OfPolynomial(int degree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(degree);
        return CeilLog2(degree + 1);
    }
}
