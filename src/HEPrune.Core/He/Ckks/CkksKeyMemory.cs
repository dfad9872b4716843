using System.Globalization;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <summary>The size of the public evaluation keys a CKKS backend's server holds, split into keys over the whole chain and level-restricted keys.</summary>
/// <param name="FullKeys">Switching keys over the whole modulus chain Q·P (bootstrap rotations, conjugation, relinearization, encapsulation).</param>
/// <param name="FullBytes">Their size in bytes.</param>
/// <param name="RestrictedKeys">Galois keys restricted to the circuit levels (only q_0..q_L and P).</param>
/// <param name="RestrictedBytes">Their size in bytes.</param>
/// <param name="RestrictedMaxLevel">L of the restricted keys (−1 when there are none).</param>
/// <param name="GenerationSeconds">Wall time the client spent generating the keys.</param>
public sealed record CkksKeyMemory(int FullKeys, long FullBytes, int RestrictedKeys, long RestrictedBytes, int RestrictedMaxLevel, double GenerationSeconds)
{
    /// <summary>Total key bytes.</summary>
    public long TotalBytes => FullBytes + RestrictedBytes;

    /// <summary>Measures the keys of a bootstrapping key set.</summary>
    public static CkksKeyMemory Of(BootstrappingKeys keys, double generationSeconds)
    {
        ArgumentNullException.ThrowIfNull(keys);
        (int rc, long rb) = keys.RestrictedGaloisKeys();
        int total = keys.Galois.Count + 1 + (keys.ToSparse is null ? 0 : 1) + (keys.FromSparse is null ? 0 : 1);
        int level = -1;
        foreach (ulong g in keys.Galois.GaloisElements)
        {
            SwitchingKey k = keys.Galois.TryGet(g)!;
            if (k.IsLevelRestricted) level = Math.Max(level, k.MaxLevel);
        }
        return new CkksKeyMemory(total - rc, keys.SizeInBytes() - rb, rc, rb, level, generationSeconds);
    }

    /// <summary>Measures an ordinary evaluation key set (relinearization and Galois keys).</summary>
    public static CkksKeyMemory Of(EvaluationKeys keys, double generationSeconds)
    {
        ArgumentNullException.ThrowIfNull(keys);
        int fc = 0, rc = 0, level = -1;
        long fb = 0, rb = 0;
        void Add(SwitchingKey k)
        {
            if (k.IsLevelRestricted) { rc++; rb += k.SizeInBytes; level = Math.Max(level, k.MaxLevel); }
            else { fc++; fb += k.SizeInBytes; }
        }
        if (keys.Relinearization is not null) Add(keys.Relinearization.Key);
        if (keys.Galois is not null)
            foreach (ulong g in keys.Galois.GaloisElements) Add(keys.Galois.TryGet(g)!);
        return new CkksKeyMemory(fc, fb, rc, rb, level, generationSeconds);
    }

    /// <summary>One line for logs and run records, e.g. "8.17 GiB in 42 full-chain keys + 2.18 GiB in 39 keys restricted to level ≤ 12 = 10.35 GiB (generated in 300 s)".</summary>
    public override string ToString()
    {
        static string G(long b) => (b / (double)(1L << 30)).ToString("F2", CultureInfo.InvariantCulture) + " GiB";
        string restricted = RestrictedKeys > 0 ? $" + {G(RestrictedBytes)} in {RestrictedKeys} keys restricted to levels ≤ {RestrictedMaxLevel}" : "";
        return $"{G(FullBytes)} in {FullKeys} full-chain keys{restricted} = {G(TotalBytes)} (generated in {GenerationSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)";
    }
}
