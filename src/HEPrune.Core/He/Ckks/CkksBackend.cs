using HEPrune.Ckks.Scheme;
using HEPrune.Ckks.Serialization;

namespace HEPrune.Core.He.Ckks;

/// <summary>Builds the real-CKKS backend (evaluator, client, codec) over one CKKS parameter set and one rotation key set.</summary>
public static partial class CkksBackend
{
    /// <summary>Default bound of the evaluator's plaintext cache (256 MiB).</summary>
    public const long DefaultPlaintextCacheBytes = 256L << 20;

    /// <summary>Creates a CKKS backend: a client with a fresh secret key, and an evaluator holding only the public keys it generated.</summary>
    /// <param name="parameters">CKKS parameters, e.g. <see cref="Presets.PaperN16"/>.</param>
    /// <param name="keys">Rotation steps and conjugation to generate keys for (derive it with <see cref="RotationKeyRecorder"/>).</param>
    /// <param name="plaintextCacheBytes">Bound of the evaluator's encoded-plaintext cache (0 disables it).</param>
    /// <param name="seededEncryption">True to encrypt with the secret key in seeded form (fresh ciphertexts serialize at about half
    /// the size); false (default) encrypts with the public key, so every ciphertext has the full 2·N·8·(ℓ+1) payload.</param>
    /// <exception cref="ArgumentException">The key set is for another slot count, or the scale is not a whole power of two.</exception>
    public static HeBackend Create(CkksParameters parameters, EvaluationKeySet keys, long plaintextCacheBytes = DefaultPlaintextCacheBytes,
        bool seededEncryption = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Slots != parameters.Slots)
            throw new ArgumentException($"CkksBackend: key set is for {keys.Slots} slots, parameters have {parameters.Slots}.", nameof(keys));
        var shape = ShapeOf(parameters);
        var ladder = new ScaleLadder(parameters, shape);
        var context = new CkksContext(parameters);
        var client = new CkksClient(context, shape, ladder, seededEncryption);
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        EvaluationKeys evalKeys = client.CreateEvaluationKeys(keys);
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var evaluator = new CkksEvaluator(context, shape, ladder, evalKeys, keys, client.KeySetId, plaintextCacheBytes) { KeyMemory = CkksKeyMemory.Of(evalKeys, seconds) };
        return new HeBackend("ckks", evaluator, client, new CkksCodec(context, ladder, client.KeySetId));
    }

    /// <summary>Returns the backend-neutral shape of a CKKS parameter set: slots, prime sizes (rounded log2 q_i), scale bits and the exact ciphertext header size.</summary>
    /// <exception cref="ArgumentException">The default scale is not 2^integer or a prime is outside what <see cref="HeParameters"/> accepts.</exception>
    public static HeParameters ShapeOf(CkksParameters parameters) => ShapeOf(parameters, parameters?.MaxLevel ?? 0);

    /// <summary>
    /// Returns the shape of the levels 0..<paramref name="maxLevel"/> of a CKKS parameter set (the levels a circuit may use; the primes above are
    /// reserved, e.g. for bootstrapping).
    /// </summary>
    /// <exception cref="ArgumentException">The default scale is not 2^integer, a prime is outside what <see cref="HeParameters"/> accepts, or maxLevel is out of range.</exception>
    public static HeParameters ShapeOf(CkksParameters parameters, int maxLevel)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (maxLevel < 1 || maxLevel > parameters.MaxLevel)
            throw new ArgumentException($"CkksBackend: maxLevel = {maxLevel} must be in [1, {parameters.MaxLevel}].", nameof(maxLevel));
        double logScale = parameters.LogDefaultScale;
        if (logScale != Math.Round(logScale))
            throw new ArgumentException($"CkksBackend: default scale 2^{logScale} is not a whole power of two; the nominal scale model needs 2^integer.", nameof(parameters));
        var bits = new int[maxLevel + 1];
        for (int i = 0; i < bits.Length; i++) bits[i] = (int)Math.Round(Math.Log2(parameters.Q[i]));
        var probe = new Ciphertext(parameters, 0);
        long header = CkksSerializer.GetSerializedSize(probe) - 2L * parameters.N * 8;
        return new HeParameters(parameters.Slots, bits, (int)logScale, (int)header);
    }
}
