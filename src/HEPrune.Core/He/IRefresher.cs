namespace HEPrune.Core.He;

/// <summary>
/// Brings a ciphertext back to the top level: CKKS bootstrapping on the server, or a client-aided
/// decrypt-and-re-encrypt round trip through the channel.
/// </summary>
public interface IRefresher
{
    /// <summary>Short name written into results ("bootstrap", "client").</summary>
    string Name { get; }

    /// <summary>Lowest input level accepted (HEaaN FGb bootstraps from level 3).</summary>
    int MinInputLevel { get; }

    /// <summary>Returns a ciphertext with the same message at the top level.</summary>
    HeCiphertext Refresh(HeCiphertext ciphertext);
}
