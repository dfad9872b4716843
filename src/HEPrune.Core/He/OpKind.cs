namespace HEPrune.Core.He;

/// <summary>Kinds of homomorphic operations recorded by <see cref="OpCounter"/>.</summary>
public enum OpKind
{
    /// <summary>Ciphertext + ciphertext, − and negation (free, no level).</summary>
    Add,
    /// <summary>Ciphertext + plaintext vector or constant (free, no level).</summary>
    AddPlain,
    /// <summary>Ciphertext × ciphertext with relinearization and rescale (1 level); squaring included.</summary>
    Mult,
    /// <summary>Ciphertext × plaintext slot vector with rescale (1 level).</summary>
    CMult,
    /// <summary>Ciphertext × non-integer scalar with rescale (1 level).</summary>
    Const,
    /// <summary>Ciphertext × Gaussian-integer scalar (free, no level, no rescale).</summary>
    IntConst,
    /// <summary>Slot rotation (key switch, no level). Hoisted rotations count one per step.</summary>
    Rot,
    /// <summary>Complex conjugation of the slots (key switch, no level).</summary>
    Conj,
    /// <summary>Explicit level drop (modulus switch without rescale).</summary>
    Drop,
    /// <summary>Refresh of a ciphertext to the top level: bootstrapping or a client-aided re-encryption.</summary>
    Refresh,
    /// <summary>Client-side encryption.</summary>
    Encrypt,
    /// <summary>Client-side decryption.</summary>
    Decrypt,
}
