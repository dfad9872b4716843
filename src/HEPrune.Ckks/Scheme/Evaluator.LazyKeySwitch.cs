using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <content>
/// Internal hooks for lazy key switching (bootstrapping's linear transforms): the key-switching inner product left in the extended basis
/// Q_l ∪ P (no mod-down), so several key switches can be summed there and brought down to Q_l by one <see cref="ModDownExtended"/>.
/// </content>
public sealed partial class Evaluator
{
    /// <summary>
    /// Writes Σ_j φ(D_j)·(b_j, a_j) over Q_l ∪ P in NTT form (limbs 0..l are Q, then the special primes) into <paramref name="ext0"/>,
    /// <paramref name="ext1"/> (each (l + 1 + |P|)·N words); <see cref="KeySwitchFromDigits"/> is this followed by the mod-down.
    /// </summary>
    internal void KeySwitchInnerProductExtended(Decomposition digits, int level, SwitchingKey key, int[]? perm, ulong[] ext0, ulong[] ext1)
    {
        int n = _ctx.N, ext = level + 1 + _ctx.PModuli.Length, beta = digits.Count;
        if (beta > 60)
        {
            throw new InvalidOperationException("KeySwitch: too many digits for lazy 128-bit accumulation.");
        }

        key.CheckLevel(level, "KeySwitch");
        ulong[] dArr = digits.Buffer.Array;
        Parallelism.For(ext, n, e => InnerProductLimb(dArr, ext, e, level, beta, key, perm, ext0, ext1));
    }

    /// <summary>output = round(ext / P) over Q_l in NTT form (ext over Q_l ∪ P in NTT form; its P limbs are overwritten).</summary>
    internal void ModDownExtended(ulong[] ext, int level, ulong[] output) => ModDown(ext, level, output);

    /// <summary>Returns the modulus value of extended-basis limb <paramref name="e"/> at <paramref name="level"/> (Q_l then P).</summary>
    internal ulong ExtendedModulus(int e, int level) => _ctx.QpModuli[ExtToModulus(e, level)].Value;

    /// <summary>Returns the Galois key for a rotation by <paramref name="step"/>.</summary>
    /// <exception cref="MissingKeyException">If this evaluator has no key for the step.</exception>
    internal SwitchingKey RotationKey(int step, string operation)
    {
        ulong g = GaloisElements.ForRotation(step, _ctx.N);
        return GetGaloisKey(g, $"{operation}: no Galois key for rotation step {step} (Galois element {g} = 5^{Mod(step)} mod {2 * _ctx.N})");
    }
}
