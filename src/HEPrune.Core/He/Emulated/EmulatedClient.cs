namespace HEPrune.Core.He.Emulated;

/// <summary>
/// Client side of the emulated backend: "encrypts" by wrapping a copy of the slots with CKKS metadata (plus optional
/// fresh-encryption noise) and decrypts by copying them out.
/// </summary>
public sealed class EmulatedClient : IHeClient
{
    private readonly EmulationNoise _noiseModel;
    private readonly GaussianSource? _noise;

    /// <summary>Creates a client for the given shape and noise model.</summary>
    public EmulatedClient(HeParameters parameters, EmulationNoise? noise = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _noiseModel = noise ?? EmulationNoise.None;
        _noise = _noiseModel.EncryptStd > 0 ? new GaussianSource(_noiseModel.Seed) : null;
    }

    /// <inheritdoc />
    public HeParameters Parameters { get; }

    /// <inheritdoc />
    public OpCounter Counter { get; } = new();

    /// <inheritdoc />
    public HeCiphertext Encrypt(SlotVector values, int level)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length > Parameters.Slots)
            throw new ArgumentException($"Encrypt: {values.Length} values exceed {Parameters.Slots} slots.", nameof(values));
        if ((uint)level > (uint)Parameters.MaxLevel)
            throw new ArgumentException($"Encrypt: level {level} is outside [0, {Parameters.MaxLevel}].", nameof(level));
        Counter.Record(OpKind.Encrypt, level);
        var re = SlotArray.FromFlat(values.Real, Parameters.Slots, values.Length);
        var im = values.Imag is null ? null : SlotArray.FromFlat(values.Imag, Parameters.Slots, values.Length);
        if (_noise is not null) im = _noise.AddTo(re, im, _noiseModel.EncryptStd);
        return new EmulatedCiphertext(re, im, level, Parameters.DefaultScale);
    }

    /// <inheritdoc />
    public SlotVector Decrypt(HeCiphertext ciphertext)
    {
        if (ciphertext is not EmulatedCiphertext x)
            throw new ArgumentException($"Decrypt: ciphertext of type {ciphertext?.GetType().Name ?? "null"} does not belong to the emulated backend.", nameof(ciphertext));
        Counter.Record(OpKind.Decrypt, x.Level);
        return new SlotVector(x.Re.ToFlat(), x.Im is null ? new double[x.Slots] : x.Im.ToFlat());
    }
}
