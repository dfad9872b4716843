using HEPrune.Ckks.Scheme;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;
using HEPrune.Core.He.Emulated;

namespace HEPrune.Core.Tests.He.Ckks;

/// <summary>Test-only parameter sets and helpers for comparing the CKKS backend with the emulated one.</summary>
internal static class CkksTestSupport
{
    /// <summary>
    /// INSECURE, tests only: N = 2^11 (1024 slots), a 60-bit base prime and 12 × 40-bit scaling primes (the paper's
    /// 12 levels at a small ring degree), 4 × 61-bit special primes, dnum 4, Δ = 2^40.
    /// </summary>
    public static CkksParameters Deep11 { get; } = CkksParameters.Create(new CkksParametersLiteral
    {
        LogN = 11,
        LogQ = [60, .. Enumerable.Repeat(40, 12)],
        LogP = [61, 61, 61, 61],
        Dnum = 4,
        LogDefaultScale = 40,
        Security = SecurityLevel.TestOnlyInsecure,
    });

    /// <summary>
    /// Precision bound for one operation on inputs in [−1, 1] at Δ = 2^40: fresh-encryption and rescale noise are about
    /// 2^−28 relative to the scale at N = 2^11; 2^−20 leaves a margin of 2^8 (the measured error is printed).
    /// </summary>
    public const double SingleOpBound = 1.0 / (1 << 20);

    /// <summary>Creates an emulated and a CKKS backend of the same shape and key set.</summary>
    public static (HeBackend Emulated, HeBackend Ckks) Pair(CkksParameters p, EvaluationKeySet keys)
    {
        var ckks = CkksBackend.Create(p, keys);
        var emu = EmulatedBackend.Create(ckks.Evaluator.Parameters, keys);
        return (emu, ckks);
    }

    /// <summary>Returns a random real vector in [−range, range].</summary>
    public static SlotVector RandomReal(Random rng, int n, double range = 1)
    {
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = (rng.NextDouble() * 2 - 1) * range;
        return new SlotVector(r);
    }

    /// <summary>Returns a random complex vector in the square [−range, range]².</summary>
    public static SlotVector RandomComplex(Random rng, int n, double range = 1)
    {
        var r = new double[n];
        var i = new double[n];
        for (int k = 0; k < n; k++)
        {
            r[k] = (rng.NextDouble() * 2 - 1) * range;
            i[k] = (rng.NextDouble() * 2 - 1) * range;
        }
        return new SlotVector(r, i);
    }

    /// <summary>Returns max_k |a_k − b_k| over both parts.</summary>
    public static double MaxError(SlotVector a, SlotVector b)
    {
        double e = 0;
        for (int k = 0; k < a.Length; k++)
        {
            e = Math.Max(e, Math.Abs(a.Real[k] - b.Real[k]));
            double ai = a.Imag?[k] ?? 0, bi = b.Imag?[k] ?? 0;
            e = Math.Max(e, Math.Abs(ai - bi));
        }
        return e;
    }

    /// <summary>Asserts two counters hold exactly the same counts per kind and level.</summary>
    public static void SameCounts(OpCounter expected, OpCounter actual)
    {
        var e = expected.ByLevel();
        var a = actual.ByLevel();
        Assert.Equal(e.Keys.OrderBy(k => k), a.Keys.OrderBy(k => k));
        foreach (var (kind, levels) in e)
            Assert.Equal(levels.OrderBy(kv => kv.Key), a[kind].OrderBy(kv => kv.Key));
    }
}

/// <summary>
/// A client-aided refresher for tests: the ciphertext crosses the codec to the client, is decrypted and re-encrypted
/// at the top level, and crosses back (the protocol's own refresher additionally counts channel bytes).
/// </summary>
internal sealed class CodecRoundTripRefresher(IHeClient client, ICiphertextCodec codec) : IRefresher
{
    public string Name => "client";

    public int MinInputLevel => 0;

    public HeCiphertext Refresh(HeCiphertext ciphertext)
    {
        var atClient = codec.Deserialize(codec.Serialize(ciphertext));
        var fresh = client.Encrypt(client.Decrypt(atClient), client.Parameters.MaxLevel);
        return codec.Deserialize(codec.Serialize(fresh));
    }
}
