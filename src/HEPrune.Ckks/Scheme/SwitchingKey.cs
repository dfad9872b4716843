using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>A hybrid key-switching key from a secret s' to s: for each digit j, (b_j, a_j) = (−a_j·s + e_j + P·[s']_{Q_j}·(CRT idempotent of digit j), a_j) over Q·P.</summary>
/// <remarks>Used through <see cref="RelinearizationKey"/> (s' = s²) and <see cref="GaloisKeys"/> (s' = s(X^g)). Immutable.</remarks>
public sealed class SwitchingKey
{
    internal SwitchingKey(CkksParameters parameters, ulong galoisElement, RnsPoly[] b, RnsPoly[] a)
    {
        Parameters = parameters;
        GaloisElement = galoisElement;
        B = b;
        A = a;
    }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>The Galois element g for a rotation/conjugation key, 0 for the relinearization key.</summary>
    public ulong GaloisElement { get; }

    /// <summary>Number of decomposition digits (= dnum).</summary>
    public int DigitCount => B.Length;

    internal RnsPoly[] B { get; }

    internal RnsPoly[] A { get; }
}
