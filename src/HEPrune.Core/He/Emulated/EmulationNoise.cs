namespace HEPrune.Core.He.Emulated;

/// <summary>
/// Optional CKKS-sized Gaussian noise for the emulated backend: an absolute standard deviation (in message units,
/// added independently to real and imaginary parts) at encryption, after every rescale and at every refresh.
/// </summary>
/// <param name="EncryptStd">Noise std added by <c>Encrypt</c> (a CKKS fresh ciphertext at Δ = 2^42 has about 2^-30).</param>
/// <param name="RescaleStd">Noise std added by every level-consuming operation.</param>
/// <param name="RefreshStd">Noise std added by every refresh (bootstrap precision).</param>
/// <param name="Seed">Seed of the pseudo-random generator.</param>
public sealed record EmulationNoise(double EncryptStd, double RescaleStd, double RefreshStd, int Seed = 1)
{
    /// <summary>No noise at all (the default): the emulation is then exact up to float64 rounding.</summary>
    public static EmulationNoise None { get; } = new(0, 0, 0);

    /// <summary>CKKS-like noise: 2^-30 at encryption and per rescale, <paramref name="refreshStd"/> per refresh.</summary>
    public static EmulationNoise CkksLike(double refreshStd = 1e-6, int seed = 1)
        => new(Math.ScaleB(1.0, -30), Math.ScaleB(1.0, -30), refreshStd, seed);

    /// <summary>True when every std is zero.</summary>
    public bool IsNone => EncryptStd == 0 && RescaleStd == 0 && RefreshStd == 0;
}
