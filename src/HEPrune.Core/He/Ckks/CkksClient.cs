using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <summary>
/// Client side of the CKKS backend: the only object holding the secret key. Generates the public evaluation keys,
/// encrypts slot vectors at a chosen level (public-key encryption at the nominal default scale) and decrypts.
/// </summary>
/// <remarks>Thread-safe: encryption and decryption draw their own randomness; counter updates are serialized.</remarks>
public sealed class CkksClient : IHeClient
{
    private readonly CkksContext _ctx;
    private readonly KeyGenerator _keyGenerator;
    private readonly Encryptor _encryptor;
    private readonly Decryptor _decryptor;
    private readonly CkksEncoder _encoder;
    private readonly ScaleLadder _ladder;
    private readonly object _countLock = new();

    internal CkksClient(CkksContext context, HeParameters shape, ScaleLadder ladder, bool seededEncryption)
    {
        _ctx = context;
        Parameters = shape;
        _ladder = ladder;
        _keyGenerator = new KeyGenerator(context);
        _encryptor = seededEncryption
            ? new Encryptor(context, _keyGenerator.SecretKey)
            : new Encryptor(context, _keyGenerator.CreatePublicKey());
        _decryptor = new Decryptor(context, _keyGenerator.SecretKey);
        _encoder = new CkksEncoder(context);
        KeySetId = Guid.NewGuid();
    }

    /// <inheritdoc />
    public HeParameters Parameters { get; }

    /// <inheritdoc />
    public OpCounter Counter { get; } = new();

    /// <summary>Identifies this client's secret key; every ciphertext it encrypts carries it.</summary>
    internal Guid KeySetId { get; }

    /// <summary>
    /// Creates the public evaluation keys for a key set: the relinearization key, one Galois key per step and, if requested, the conjugation key,
    /// each restricted to the levels circuits use (0..<see cref="HeParameters.MaxLevel"/> of <see cref="Parameters"/>; unrestricted when that is the
    /// parameter set's top level, smaller when the primes above are reserved for bootstrapping).
    /// </summary>
    internal EvaluationKeys CreateEvaluationKeys(EvaluationKeySet keys)
    {
        int maxLevel = Parameters.MaxLevel;
        var relin = _keyGenerator.CreateRelinearizationKey(maxLevel);
        var steps = keys.Steps.ToArray();
        GaloisKeys? galois = steps.Length > 0 || keys.HasConjugation
            ? _keyGenerator.CreateGaloisKeys(steps, keys.HasConjugation, maxLevel)
            : null;
        return new EvaluationKeys(relin, galois);
    }

    /// <summary>
    /// Creates the public bootstrapping keys (relinearization, Galois keys for the bootstrap's and the key set's steps plus conjugation, and the
    /// sparse-secret encapsulation keys) from this client's secret key. They hold no secret and go to the server. The key set's steps that the
    /// bootstrap does not use get keys restricted to the circuit levels (≤ <see cref="Bootstrapper.OutputLevel"/>: q_0..q_L and P only); the
    /// bootstrap's own keys span the whole chain.
    /// </summary>
    internal BootstrappingKeys CreateBootstrappingKeys(Bootstrapper bootstrapper, EvaluationKeySet keys)
        => BootstrappingKeyGenerator.Create(_keyGenerator, bootstrapper, keys.Steps, bootstrapper.OutputLevel);

    /// <inheritdoc />
    public HeCiphertext Encrypt(SlotVector values, int level)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length > Parameters.Slots)
            throw new ArgumentException($"Encrypt: {values.Length} values exceed {Parameters.Slots} slots.", nameof(values));
        if ((uint)level > (uint)Parameters.MaxLevel)
            throw new ArgumentException($"Encrypt: level {level} is outside [0, {Parameters.MaxLevel}].", nameof(level));
        lock (_countLock) Counter.Record(OpKind.Encrypt, level);
        var pt = SlotEncoding.Encode(_encoder, values, level, _ladder.Actual(Parameters.DefaultScale, level));
        return new CkksHeCiphertext(_encryptor.Encrypt(pt), Parameters.DefaultScale, KeySetId);
    }

    /// <inheritdoc />
    public SlotVector Decrypt(HeCiphertext ciphertext)
    {
        if (ciphertext is not CkksHeCiphertext x)
            throw new ArgumentException($"Decrypt: ciphertext of type {ciphertext?.GetType().Name ?? "null"} does not belong to the ckks backend.", nameof(ciphertext));
        if (x.KeySetId != KeySetId)
            throw new ArgumentException($"Decrypt: ciphertext belongs to key set {x.KeySetId}, this client holds the secret key of key set {KeySetId}; it would decrypt to noise.", nameof(ciphertext));
        lock (_countLock) Counter.Record(OpKind.Decrypt, x.Level);
        return SlotEncoding.Decode(_encoder, _decryptor.Decrypt(x.Inner));
    }
}
