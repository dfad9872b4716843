namespace HEPrune.Core.He;

/// <summary>
/// The client side of a backend: the only party holding the secret key, hence the only one able to encrypt fresh
/// data at a chosen level and to decrypt.
/// </summary>
public interface IHeClient
{
    /// <summary>The parameter shape shared with the server.</summary>
    HeParameters Parameters { get; }

    /// <summary>Operation counts of this client (Encrypt, Decrypt).</summary>
    OpCounter Counter { get; }

    /// <summary>Encrypts a slot vector at the given level and the default scale; shorter vectors are zero-padded.</summary>
    /// <exception cref="ArgumentException">The vector is longer than the slot count or the level is out of range.</exception>
    HeCiphertext Encrypt(SlotVector values, int level);

    /// <summary>Decrypts and decodes a ciphertext into a new slot vector (imaginary part always present).</summary>
    /// <exception cref="ArgumentException">The ciphertext belongs to another backend.</exception>
    SlotVector Decrypt(HeCiphertext ciphertext);
}
