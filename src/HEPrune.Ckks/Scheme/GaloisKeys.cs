namespace HEPrune.Ckks.Scheme;

/// <summary>A set of rotation/conjugation keys indexed by Galois element g (switching keys from s(X^g) to s).</summary>
public sealed class GaloisKeys
{
    private readonly Dictionary<ulong, SwitchingKey> _keys;

    internal GaloisKeys(CkksParameters parameters, Dictionary<ulong, SwitchingKey> keys)
    {
        Parameters = parameters;
        _keys = keys;
    }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>The Galois elements for which a key is present.</summary>
    public IReadOnlyCollection<ulong> GaloisElements => _keys.Keys;

    /// <summary>Number of keys.</summary>
    public int Count => _keys.Count;

    /// <summary>Returns whether a key for <paramref name="galoisElement"/> is present.</summary>
    public bool Contains(ulong galoisElement) => _keys.ContainsKey(galoisElement);

    /// <summary>Returns whether a key for a left rotation by <paramref name="step"/> slots is present.</summary>
    public bool ContainsRotation(int step) => _keys.ContainsKey(Scheme.GaloisElements.ForRotation(step, Parameters.N));

    /// <summary>Returns the key for <paramref name="galoisElement"/>, or null.</summary>
    public SwitchingKey? TryGet(ulong galoisElement) => _keys.GetValueOrDefault(galoisElement);

    internal IEnumerable<SwitchingKey> All => _keys.Values;
}
