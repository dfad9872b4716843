namespace HEPrune.Ckks.Serialization;

/// <summary>The kind byte of a serialized object.</summary>
public enum ObjectKind : byte
{
    /// <summary>A parameter set.</summary>
    Parameters = 1,

    /// <summary>A secret key (client only).</summary>
    SecretKey = 2,

    /// <summary>A public key.</summary>
    PublicKey = 3,

    /// <summary>A relinearization key.</summary>
    RelinearizationKey = 4,

    /// <summary>A set of Galois keys.</summary>
    GaloisKeys = 5,

    /// <summary>A plaintext.</summary>
    Plaintext = 6,

    /// <summary>A ciphertext (full or seeded).</summary>
    Ciphertext = 7,
}
