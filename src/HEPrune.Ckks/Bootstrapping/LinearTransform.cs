using System.Numerics;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>
/// A homomorphic linear transform z ↦ M·z on the slots, evaluated with the baby-step giant-step split of Halevi–Shoup:
/// M·z = Σ_g rot_g( Σ_b rot_(−g)(diag_(g+b)) ⊙ rot_b(z) ), where the baby-step rotations rot_b(z) share one hoisted decomposition.
/// </summary>
/// <remarks>
/// The pre-rotated diagonals are encoded once at <see cref="Level"/> with scale <see cref="PlaintextScale"/> = target·q_level/inputScale,
/// so the output (after one rescale) has scale exactly <see cref="OutputScale"/>. Offsets are treated as signed in (−n/2, n/2] so that a
/// band of diagonals around 0 needs few giant steps. Immutable after construction; thread-safe to evaluate.
/// </remarks>
public sealed class LinearTransform
{
    private readonly Dictionary<int, List<(int Baby, Plaintext? Diagonal, Complex[]? Values)>> _giants = [];
    private readonly CkksEncoder _encoder;

    /// <summary>Encodes <paramref name="matrix"/> for inputs at <paramref name="level"/> with scale <paramref name="inputScale"/>, producing scale <paramref name="outputScale"/>.</summary>
    /// <param name="context">The CKKS context.</param>
    /// <param name="encoder">The encoder (kept to encode diagonals on the fly when <paramref name="encodeOnTheFly"/>).</param>
    /// <param name="matrix">The matrix.</param>
    /// <param name="level">Input level.</param>
    /// <param name="inputScale">Input scale.</param>
    /// <param name="outputScale">Output scale.</param>
    /// <param name="encodeOnTheFly">Keep the pre-rotated diagonals as slot values and encode each one when <see cref="Evaluate"/> uses it
    /// (same plaintexts, far less memory: N/2 complex values instead of (level + 1)·N residues per diagonal).</param>
    /// <exception cref="ArgumentException">If the matrix dimension is not the number of slots, or it has no diagonal.</exception>
    public LinearTransform(CkksContext context, CkksEncoder encoder, DiagonalMatrix matrix, int level, double inputScale, double outputScale, bool encodeOnTheFly = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(matrix);
        int slots = context.Parameters.Slots;
        if (matrix.N != slots || matrix.Count == 0)
        {
            throw new ArgumentException($"LinearTransform: the matrix must be {slots}×{slots} with at least one diagonal (got {matrix.N}×{matrix.N}, {matrix.Count} diagonals).", nameof(matrix));
        }

        if (level < 1 || level > context.MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"LinearTransform: level must be in [1, {context.MaxLevel}] (one level is consumed).");
        }

        _encoder = encoder;
        EncodesOnTheFly = encodeOnTheFly;
        Level = level;
        InputScale = inputScale;
        OutputScale = outputScale;
        PlaintextScale = outputScale * context.QModuli[level].Value / inputScale;
        var signed = new List<int>();
        foreach (int k in matrix.Offsets)
        {
            signed.Add(k > slots / 2 ? k - slots : k);
        }

        BabyStep = ChooseBabyStep(signed, GiantStepWeight);
        foreach (int k in signed)
        {
            var values = new Complex[slots];
            int giant = (int)Math.Floor(k / (double)BabyStep) * BabyStep, baby = k - giant;
            Complex[] d = matrix.Diagonal(k)!;
            for (int r = 0; r < slots; r++)
            {
                values[r] = d[(((r - giant) % slots) + slots) % slots]; // rot_(−giant)(diag_k)
            }

            if (!_giants.TryGetValue(giant, out var list))
            {
                list = [];
                _giants[giant] = list;
            }

            list.Add(encodeOnTheFly ? (baby, null, values) : (baby, encoder.Encode(values, level, PlaintextScale), null));
        }

        var babies = new SortedSet<int>();
        foreach (var list in _giants.Values)
        {
            foreach (var (b, _, _) in list)
            {
                babies.Add(b);
            }
        }

        BabySteps = [.. babies];
        GiantSteps = [.. _giants.Keys.Order()];
    }

    /// <summary>Whether the diagonals are encoded at each evaluation (see the constructor).</summary>
    public bool EncodesOnTheFly { get; }

    /// <summary>The level of the input (the output is one level lower).</summary>
    public int Level { get; }

    /// <summary>The input scale the diagonals were encoded for.</summary>
    public double InputScale { get; }

    /// <summary>The output scale (exact).</summary>
    public double OutputScale { get; }

    /// <summary>Scale of the encoded diagonals.</summary>
    public double PlaintextScale { get; }

    /// <summary>The baby-step width n_1.</summary>
    public int BabyStep { get; }

    /// <summary>The baby-step rotations used (including 0).</summary>
    public int[] BabySteps { get; }

    /// <summary>The giant-step rotations used (including 0).</summary>
    public int[] GiantSteps { get; }

    /// <summary>Returns the nonzero rotation steps this transform needs Galois keys for.</summary>
    public IEnumerable<int> RotationSteps()
    {
        foreach (int b in BabySteps)
        {
            if (b != 0)
            {
                yield return b;
            }
        }

        foreach (int g in GiantSteps)
        {
            if (g != 0)
            {
                yield return g;
            }
        }
    }

    /// <summary>Returns M·ct (one level consumed; output scale <see cref="OutputScale"/>).</summary>
    /// <exception cref="ArgumentException">If the ciphertext is not at <see cref="Level"/> with scale <see cref="InputScale"/>.</exception>
    public Ciphertext Evaluate(Evaluator evaluator, Ciphertext ct)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(ct);
        if (ct.Level != Level || Math.Abs(ct.Scale / InputScale - 1) > 1e-9)
        {
            throw new ArgumentException(
                $"LinearTransform.Evaluate: expected a ciphertext at level {Level} with scale 2^{Math.Log2(InputScale):F4}; got level {ct.Level}, scale 2^{Math.Log2(ct.Scale):F4}.", nameof(ct));
        }

        int[] nonZero = [.. BabySteps.Where(b => b != 0)];
        Ciphertext[] rotated = evaluator.RotateHoistedNew(ct, nonZero);
        var byBaby = new Dictionary<int, Ciphertext> { [0] = ct };
        for (int i = 0; i < nonZero.Length; i++)
        {
            byBaby[nonZero[i]] = rotated[i];
        }

        // Giant steps are summed lazily: Σ_g rot_g(inner_g) = Σ_g φ_g(c0_g) + ModDown(Σ_g KS_g(φ_g(c1_g))) with the key-switching inner products
        // kept in the extended basis Q_l ∪ P, so all giant rotations share one mod-down (2 instead of 2·(giants − 1) polynomial mod-downs).
        CkksContext ctx = evaluator.Context;
        int n = ctx.N, limbs = Level + 1, ext = limbs + ctx.PModuli.Length;
        Ciphertext? result = null;
        using var acc0 = ScratchBuffer.Rent(ext * n);
        using var acc1 = ScratchBuffer.Rent(ext * n);
        using var t0 = ScratchBuffer.Rent(ext * n);
        using var t1 = ScratchBuffer.Rent(ext * n);
        using var c0Sum = ScratchBuffer.Rent(limbs * n);
        using var perm0 = ScratchBuffer.Rent(n);
        bool anyGiant = false;
        double rotatedScale = 0;
        Plaintext? scratch = EncodesOnTheFly ? new Plaintext(ct.Parameters, Level, PlaintextScale) : null;
        foreach (int giant in GiantSteps)
        {
            Ciphertext? inner = null;
            foreach (var (baby, stored, values) in _giants[giant])
            {
                Plaintext pt = stored ?? Encode(values!, scratch!);
                if (inner is null)
                {
                    inner = evaluator.MultiplyPlainNew(byBaby[baby], pt);
                }
                else
                {
                    evaluator.MultiplyPlainAdd(byBaby[baby], pt, inner);
                }
            }

            if (giant == 0)
            {
                result = result is null ? inner! : evaluator.AddNew(result, inner!);
                continue;
            }

            SwitchingKey key = evaluator.RotationKey(giant, "LinearTransform");
            int[] perm = ctx.GaloisPermutation(GaloisElements.ForRotation(giant, n));
            using (Evaluator.Decomposition digits = evaluator.Decompose(inner!.Poly(1), Level))
            {
                evaluator.KeySwitchInnerProductExtended(digits, Level, key, perm, anyGiant ? t0.Array : acc0.Array, anyGiant ? t1.Array : acc1.Array);
            }

            bool accumulate = anyGiant;
            Ciphertext innerSum = inner;
            Parallelism.For(limbs, n, i =>
            {
                if (accumulate)
                {
                    using var rotated = ScratchBuffer.Rent(n);
                    Automorphism.ApplyNtt(innerSum.Poly(0).Limb(i), rotated.Span, perm);
                    RnsMath.Add(c0Sum.Limb(i, n), rotated.Span, c0Sum.Limb(i, n), ctx.QModuli[i].Value);
                }
                else
                {
                    Automorphism.ApplyNtt(innerSum.Poly(0).Limb(i), c0Sum.Limb(i, n), perm);
                }
            });

            if (anyGiant)
            {
                Parallelism.For(ext, n, e =>
                {
                    ulong q = evaluator.ExtendedModulus(e, Level);
                    RnsMath.Add(acc0.Limb(e, n), t0.Limb(e, n), acc0.Limb(e, n), q);
                    RnsMath.Add(acc1.Limb(e, n), t1.Limb(e, n), acc1.Limb(e, n), q);
                });
            }

            anyGiant = true;
            rotatedScale = inner.Scale; // every inner sum has the same scale (pre-rotated diagonals share one encoding scale)
        }

        if (anyGiant)
        {
            var rotatedSum = new Ciphertext(ct.Parameters, Level);
            evaluator.ModDownExtended(acc0.Array, Level, t0.Array);
            evaluator.ModDownExtended(acc1.Array, Level, t1.Array);
            Parallelism.For(limbs, n, i =>
            {
                RnsMath.Add(c0Sum.Limb(i, n), t0.Limb(i, n), rotatedSum.Poly(0).Limb(i), ctx.QModuli[i].Value);
                t1.Limb(i, n).CopyTo(rotatedSum.Poly(1).Limb(i));
            });

            rotatedSum.Scale = rotatedScale;
            result = result is null ? rotatedSum : evaluator.AddNew(result, rotatedSum);
        }

        evaluator.Rescale(result!, result!);
        result!.Scale = OutputScale;
        return result;
    }

    private Plaintext Encode(Complex[] values, Plaintext destination)
    {
        _encoder.Encode(values, Level, PlaintextScale, destination);
        return destination;
    }

    /// <summary>
    /// Weight of a giant step relative to a hoisted baby step when choosing the split. A giant rotation costs more NTTs (its own
    /// decomposition, ≈ 3× a hoisted baby step with lazy giant accumulation and dnum = 6), but a wider baby step needs more distinct rotation
    /// keys: at N = 2^16 weight 2 gives 78 key switches with 39 keys (8 babies × 8 giants per 63-diagonal factor), weights 3–4 give 94 key
    /// switches with 47 keys (16 × 4): fewer NTTs but +1.7 GiB of keys, which the 24 GiB machine cannot spare. Hence 2.
    /// </summary>
    internal const double GiantStepWeight = 2;

    /// <summary>Returns the number of distinct baby and giant steps (including 0) of the split with baby-step width <paramref name="n1"/>.</summary>
    internal static (int Babies, int Giants) Split(IEnumerable<int> signedOffsets, int n1)
    {
        var babies = new HashSet<int>();
        var giants = new HashSet<int>();
        foreach (int k in signedOffsets)
        {
            int g = (int)Math.Floor(k / (double)n1) * n1;
            giants.Add(g);
            babies.Add(k - g);
        }

        return (babies.Count, giants.Count);
    }

    /// <summary>Returns the baby-step width (a power of two) minimising babies + <paramref name="giantWeight"/>·giants.</summary>
    internal static int ChooseBabyStep(IReadOnlyCollection<int> signedOffsets, double giantWeight)
    {
        int best = 1;
        double bestCost = double.MaxValue;
        for (int n1 = 1; n1 <= 1 << 20; n1 <<= 1)
        {
            (int babies, int giants) = Split(signedOffsets, n1);
            double cost = babies + giantWeight * giants;
            if (cost < bestCost)
            {
                bestCost = cost;
                best = n1;
            }
        }

        return best;
    }
}
