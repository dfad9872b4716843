using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <summary>
/// Maps the backend-neutral (nominal) scale model onto real CKKS scales: a ciphertext at level ℓ with nominal scale s
/// carries the actual scale s·r_ℓ, where the per-level ratios r_ℓ make every rescale land exactly on the next level's
/// ratio although the real primes q_ℓ are not powers of two.
/// </summary>
/// <remarks>
/// The nominal model (the emulated backend's) takes every prime as 2^b_ℓ. A ct×ct product at level ℓ then has nominal
/// scale s₁s₂/2^b_ℓ, while CKKS gives s₁r_ℓ·s₂r_ℓ/q_ℓ. Choosing r₀ = 1 and r_ℓ = √(r_(ℓ−1)·q_ℓ/2^b_ℓ) makes the two
/// agree for every level: the actual result scale is exactly (nominal result)·r_(ℓ−1). The recursion contracts
/// (each level halves the relative error of the one below), so |r_ℓ − 1| stays below max_ℓ |q_ℓ/2^b_ℓ − 1|.
/// Plaintexts and non-integer constants multiplied at level ℓ are encoded at <see cref="MultiplyScale"/> =
/// q_ℓ·r_(ℓ−1)/r_ℓ, so CMult/Const keep the nominal scale and land on r_(ℓ−1) after the rescale. Moving a ciphertext
/// down from ℓ to ℓ′ &lt; ℓ multiplies it by the integer K = round(r_ℓ′·q_ℓ/r_ℓ) (exact), rescales by q_ℓ and drops the
/// remaining primes, which lands on r_ℓ′ up to a relative 2^−(b_ℓ+1). Hence operands of additions always have equal
/// actual scales whenever their nominal scales are equal, and no scale ever drifts.
/// </remarks>
internal sealed class ScaleLadder
{
    private readonly double[] _ratio;
    private readonly double[] _multiplyScale;
    private readonly double[] _primes;

    /// <summary>Builds the ladder for a parameter set and the nominal prime sizes of its shape (levels 0..shape.MaxLevel; primes above are not used by circuits).</summary>
    public ScaleLadder(CkksParameters parameters, HeParameters shape)
    {
        int levels = shape.MaxLevel + 1;
        _ratio = new double[levels];
        _multiplyScale = new double[levels];
        _primes = new double[levels];
        _ratio[0] = 1.0;
        for (int l = 0; l < levels; l++) _primes[l] = parameters.Q[l];
        for (int l = 1; l < levels; l++)
            _ratio[l] = Math.Sqrt(_ratio[l - 1] * _primes[l] / shape.PrimeValue(l));
        for (int l = 1; l < levels; l++) _multiplyScale[l] = _primes[l] * _ratio[l - 1] / _ratio[l];
    }

    /// <summary>Returns r_ℓ, the ratio of actual to nominal scale at a level.</summary>
    public double Ratio(int level) => _ratio[level];

    /// <summary>Returns the actual CKKS scale of a ciphertext with the given nominal scale at a level.</summary>
    public double Actual(double nominal, int level) => nominal * _ratio[level];

    /// <summary>Returns the nominal scale of a ciphertext with the given actual scale at a level, snapped to the nearest power of two.</summary>
    /// <exception cref="FormatException">The actual scale is not a power of two times r_ℓ (not produced by this backend).</exception>
    public double Nominal(double actual, int level)
    {
        double raw = actual / _ratio[level];
        double e = Math.Round(Math.Log2(raw));
        double snapped = Math.ScaleB(1.0, (int)e);
        if (!(Math.Abs(raw / snapped - 1) < 1e-9))
            throw new FormatException($"CKKS ciphertext scale 2^{Math.Log2(actual):F9} at level {level} is not a power of two times the level ratio {_ratio[level]:R}; it was not produced by this backend's scale management.");
        return snapped;
    }

    /// <summary>Returns the scale at which a plaintext or constant multiplied at level ℓ ≥ 1 is encoded.</summary>
    public double MultiplyScale(int level) => _multiplyScale[level];

    /// <summary>Returns the integer K that moves a ciphertext from level <paramref name="from"/> to the ratio of <paramref name="to"/> after one rescale.</summary>
    public double DropFactor(int from, int to) => Math.Round(_ratio[to] * _primes[from] / _ratio[from]);
}
