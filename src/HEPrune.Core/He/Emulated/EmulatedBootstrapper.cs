namespace HEPrune.Core.He.Emulated;

/// <summary>
/// Emulated CKKS bootstrapping: resets a ciphertext to the top level and the default scale, optionally adding
/// Gaussian noise of the bootstrap's precision.
/// </summary>
public sealed class EmulatedBootstrapper : IRefresher
{
    private readonly HeParameters _parameters;
    private readonly double _std;
    private readonly GaussianSource? _noise;

    /// <summary>Creates a bootstrapper.</summary>
    /// <param name="parameters">Parameter shape (gives the top level and default scale).</param>
    /// <param name="minInputLevel">Lowest accepted input level (3 models HEaaN FGb).</param>
    /// <param name="noiseStd">Absolute noise std added per bootstrap (0 = exact).</param>
    /// <param name="seed">Noise seed.</param>
    public EmulatedBootstrapper(HeParameters parameters, int minInputLevel = 0, double noiseStd = 0, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(minInputLevel);
        ArgumentOutOfRangeException.ThrowIfNegative(noiseStd);
        _parameters = parameters;
        MinInputLevel = minInputLevel;
        _std = noiseStd;
        _noise = noiseStd > 0 ? new GaussianSource(seed) : null;
    }

    /// <inheritdoc />
    public string Name => "bootstrap";

    /// <inheritdoc />
    public int MinInputLevel { get; }

    /// <inheritdoc />
    public HeCiphertext Refresh(HeCiphertext ciphertext)
    {
        if (ciphertext is not EmulatedCiphertext x)
            throw new ArgumentException($"Bootstrap: ciphertext of type {ciphertext?.GetType().Name ?? "null"} does not belong to the emulated backend.", nameof(ciphertext));
        var re = x.Re.Clone();
        var im = x.Im?.Clone();
        if (_noise is not null) im = _noise.AddTo(re, im, _std);
        return new EmulatedCiphertext(re, im, _parameters.MaxLevel, _parameters.DefaultScale);
    }
}
