using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>The public evaluation keys a bootstrap needs: relinearization, the Galois keys of the DFT rotations and conjugation, and the two encapsulation keys.</summary>
/// <remarks>Create them on the client with <see cref="BootstrappingKeyGenerator"/>; they hold no secret.</remarks>
public sealed class BootstrappingKeys
{
    internal BootstrappingKeys(RelinearizationKey relinearization, GaloisKeys galois, SwitchingKey? toSparse, SwitchingKey? fromSparse)
    {
        Relinearization = relinearization;
        Galois = galois;
        ToSparse = toSparse;
        FromSparse = fromSparse;
    }

    /// <summary>The relinearization key (s² → s).</summary>
    public RelinearizationKey Relinearization { get; }

    /// <summary>Rotation keys for the CoeffsToSlots/SlotsToCoeffs steps plus the conjugation key.</summary>
    public GaloisKeys Galois { get; }

    /// <summary>Switching key s → s' (ephemeral sparse secret), over q_0·p_0 only (two limbs); null without encapsulation.</summary>
    public SwitchingKey? ToSparse { get; }

    /// <summary>Switching key s' → s over the whole Q·P; null without encapsulation.</summary>
    public SwitchingKey? FromSparse { get; }

    /// <summary>Returns the in-memory (and uncompressed serialized) size in bytes: 8 bytes per residue of every key polynomial.</summary>
    public long SizeInBytes()
    {
        long total = KeyBytes(Relinearization.Key);
        foreach (ulong g in Galois.GaloisElements)
        {
            total += KeyBytes(Galois.TryGet(g)!);
        }

        if (ToSparse is not null)
        {
            total += KeyBytes(ToSparse, 2);
        }

        if (FromSparse is not null)
        {
            total += KeyBytes(FromSparse);
        }

        return total;
    }

    /// <summary>Returns the size in bytes of the level-restricted Galois keys (the circuit's keys; see <see cref="SwitchingKey.IsLevelRestricted"/>) and how many there are.</summary>
    public (int Count, long Bytes) RestrictedGaloisKeys()
    {
        int count = 0;
        long bytes = 0;
        foreach (ulong g in Galois.GaloisElements)
        {
            SwitchingKey key = Galois.TryGet(g)!;
            if (key.IsLevelRestricted)
            {
                count++;
                bytes += KeyBytes(key);
            }
        }

        return (count, bytes);
    }

    /// <summary>Size in bytes of one switching key over the primes its layout holds (or over <paramref name="limbs"/> primes).</summary>
    public static long KeyBytes(SwitchingKey key, int? limbs = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return limbs is int l ? 2L * key.DigitCount * l * key.Parameters.N * sizeof(ulong) : key.SizeInBytes;
    }
}
