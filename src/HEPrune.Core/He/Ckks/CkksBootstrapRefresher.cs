using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <summary>
/// Refresh by CKKS bootstrapping on the server: returns a ciphertext of the same message at the backend's top level (the bootstrap's
/// output level) with that level's actual scale, using only public keys.
/// </summary>
/// <remarks>
/// <para>Scale handling. The input (level ℓ ≥ 1, actual scale s·r_ℓ) is dropped to level 1, multiplied by the exact integer
/// round(r_top·q_1/(r_ℓ·R)) and rescaled, so its polynomial is (s·r_top/R)·m (up to the rounding of that integer, a relative 2^−(42 − log2 R)); the bootstrap reads it at
/// scale s·r_top (message m/R) and keeps that scale, and the exact integer product by R restores m at level top. R = <see cref="InputBound"/> (a power of two): the bootstrap is accurate for
/// slot values |m/R| ≲ 1 (its sine approximation degrades cubically beyond), and its absolute error is R times the error on [−1, 1].</para>
/// <para>Thread-safe: the bootstrapper and the evaluator it uses are.</para>
/// </remarks>
public sealed class CkksBootstrapRefresher : IRefresher
{
    private readonly Bootstrapper _bootstrapper;
    private readonly BootstrappingKeys _keys;
    private readonly Evaluator _ev;
    private readonly ScaleLadder _ladder;
    private readonly Guid _keySetId;
    private readonly int _top;

    internal CkksBootstrapRefresher(Bootstrapper bootstrapper, BootstrappingKeys keys, ScaleLadder ladder, Guid keySetId, int topLevel, double inputBound)
    {
        if (!(inputBound >= 1) || Math.ScaleB(1.0, (int)Math.Round(Math.Log2(inputBound))) != inputBound)
            throw new ArgumentException($"CkksBootstrapRefresher: inputBound = {inputBound} must be a power of two ≥ 1.", nameof(inputBound));
        if (topLevel != bootstrapper.OutputLevel)
            throw new ArgumentException($"CkksBootstrapRefresher: the backend's top level {topLevel} is not the bootstrap's output level {bootstrapper.OutputLevel}.", nameof(topLevel));
        _bootstrapper = bootstrapper;
        _keys = keys;
        _ev = new Evaluator(bootstrapper.Context);
        _ladder = ladder;
        _keySetId = keySetId;
        _top = topLevel;
        InputBound = inputBound;
    }

    /// <inheritdoc />
    public string Name => "bootstrap";

    /// <summary>Level 1: one level is used to bring the input onto the exact scale the bootstrap's output level needs (see remarks).</summary>
    public int MinInputLevel => 1;

    /// <summary>The power of two R the message is divided by before (and multiplied by after) the bootstrap; slot values should satisfy |m| ≲ R.</summary>
    public double InputBound { get; }

    /// <summary>The CKKS bootstrapper (parameters, output level, rotation steps).</summary>
    public Bootstrapper Bootstrapper => _bootstrapper;

    /// <summary>Number of bootstraps performed.</summary>
    public int Count => _count;

    private int _count;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The ciphertext is not a ckks-backend ciphertext of this key set, or it is below level 1.</exception>
    public HeCiphertext Refresh(HeCiphertext ciphertext)
    {
        if (ciphertext is not CkksHeCiphertext x)
            throw new ArgumentException($"Bootstrap: ciphertext of type {ciphertext?.GetType().Name ?? "null"} does not belong to the ckks backend.", nameof(ciphertext));
        if (x.KeySetId != _keySetId)
            throw new ArgumentException($"Bootstrap: ciphertext belongs to key set {x.KeySetId}, the bootstrapping keys to key set {_keySetId}.", nameof(ciphertext));
        if (x.Level < MinInputLevel)
            throw new ArgumentException($"Bootstrap: the ciphertext is at level {x.Level}; the ckks bootstrap refresher needs level ≥ {MinInputLevel}.", nameof(ciphertext));
        Interlocked.Increment(ref _count);
        // Drop to level 1 first (exact, keeps the actual scale s·r_ℓ), so the integer product and the rescale touch two primes only.
        var moved = new Ciphertext(x.Inner.Parameters, 1);
        _ev.DropToLevel(x.Inner, 1, moved);
        double k = Math.Round(_ladder.Ratio(_top) * _bootstrapper.Context.Parameters.Q[1] / (_ladder.Ratio(x.Level) * InputBound));
        _ev.MultiplyConst(moved, System.Numerics.Complex.One, moved, k);
        _ev.Rescale(moved, moved);
        // The polynomial is now (s·r_top/R)·m up to a relative 2^−(42 − log2 R) (rounding of k), i.e. m/R at the scale s·r_top the top level needs.
        Ciphertext result = _bootstrapper.Bootstrap(moved, _keys, _ladder.Actual(x.Scale, _top)); // read at s·r_top: the message is m/R
        if (InputBound > 1)
            _ev.MultiplyInteger(result, (long)InputBound, result);
        return new CkksHeCiphertext(result, x.Scale, _keySetId);
    }
}
