namespace HEPrune.Ckks.Scheme;

/// <summary>The relinearization key: a <see cref="SwitchingKey"/> from s² to s.</summary>
public sealed class RelinearizationKey
{
    internal RelinearizationKey(SwitchingKey key) => Key = key;

    /// <summary>The underlying switching key.</summary>
    public SwitchingKey Key { get; }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters => Key.Parameters;
}
