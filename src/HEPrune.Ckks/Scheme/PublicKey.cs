using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>The public encryption key (b, a) = (−a·s + e, a) in NTT form over the data primes.</summary>
public sealed class PublicKey
{
    internal PublicKey(CkksParameters parameters, RnsPoly b, RnsPoly a)
    {
        Parameters = parameters;
        B = b;
        A = a;
    }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters { get; }

    internal RnsPoly B { get; }

    internal RnsPoly A { get; }
}
