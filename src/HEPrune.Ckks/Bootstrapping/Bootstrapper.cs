using System.Numerics;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>
/// CKKS bootstrapping (full or sparse slot packing): refreshes a level-0 ciphertext to <see cref="OutputLevel"/> (ModRaise → CoeffsToSlots → EvalMod → SlotsToCoeffs).
/// </summary>
/// <remarks>
/// <para>Steps. (0) With encapsulation, switch the level-0 ciphertext to the ephemeral sparse secret s' (key modulo q_0·p_0 only). (1) ModRaise: lift c_0, c_1 from q_0
/// to the whole chain; the plaintext becomes Δm + q_0·I with |I| ≤ K. With encapsulation, switch back to s. The raised ciphertext is read at
/// scale q_0, so its coefficients are t = Δm/q_0 + I. (2) CoeffsToSlots: the inverse special FFT (merged butterflies, BSGS, hoisted
/// baby steps) scaled by 1/(2K'), then x_re = w + conj(w), x_im = −i·(w − conj(w)), minus 1/(4K'): the real slots hold (t − 1/4)/K' for the
/// real and the imaginary coefficient halves (bit-reversed order). (3) EvalMod on each: sin(2πt) ≈ 2πΔm/q_0. (4) SlotsToCoeffs on
/// v = y_re + i·y_im with the forward special FFT scaled by q_0/(2πΔ), Δ the default scale; the output scale is the input's scale.</para>
/// <para>Precomputation (the encoded DFT diagonals) is done once in the constructor and shared; <see cref="Bootstrap(Ciphertext, BootstrappingKeys)"/> is thread-safe.</para>
/// </remarks>
public sealed class Bootstrapper
{
    private readonly LinearTransform[] _coeffsToSlots;
    private readonly LinearTransform[] _slotsToCoeffs;
    private readonly EvalMod _evalMod;

    /// <summary>Validates the configuration and precomputes the linear transforms.</summary>
    /// <exception cref="ArgumentException">If the configuration does not fit the context's parameters.</exception>
    public Bootstrapper(CkksContext context, BootstrappingParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate(context.Parameters);
        Context = context;
        Parameters = parameters;
        _evalMod = new EvalMod(parameters.EvalMod);
        var encoder = new CkksEncoder(context);
        int slots = context.Parameters.Slots, top = context.MaxLevel;
        MessageSlots = 1 << parameters.EffectiveLogSlots(context.Parameters);
        double q0 = context.QModuli[0].Value;
        double evalScale = Math.Pow(2, parameters.EvalMod.LogScale);

        DiagonalMatrix[] cts = Replicate(SpecialFft.Factors(MessageSlots, parameters.CoeffsToSlotsLevels, forward: false), slots);
        cts[0] = cts[0].Scale(1.0 / (2 * parameters.EvalMod.Normalization * (slots / MessageSlots))); // 1/|H| undoes the SubSum
        _coeffsToSlots = BuildChain(context, encoder, cts, top, q0, evalScale, parameters.EncodeDiagonalsOnTheFly);

        int stcLevel = top - parameters.CoeffsToSlotsLevels - parameters.EvalMod.Depth;
        DiagonalMatrix[] stc = Replicate(SpecialFft.Factors(MessageSlots, parameters.SlotsToCoeffsLevels, forward: true), slots);
        stc[0] = stc[0].Scale(q0 / (2 * Math.PI * context.Parameters.DefaultScale));
        double evalModOut = EvalModOutputScale(context, top - parameters.CoeffsToSlotsLevels, evalScale);
        _slotsToCoeffs = BuildChain(context, encoder, stc, stcLevel, evalModOut, context.Parameters.DefaultScale, parameters.EncodeDiagonalsOnTheFly);
        OutputLevel = stcLevel - parameters.SlotsToCoeffsLevels;
    }

    /// <summary>The context.</summary>
    public CkksContext Context { get; }

    /// <summary>The configuration.</summary>
    public BootstrappingParameters Parameters { get; }

    /// <summary>Number n' of message slots (N/2 for full packing; fewer for sparse packing, where the slots are n'-periodic).</summary>
    public int MessageSlots { get; }

    /// <summary>The level of bootstrapped ciphertexts.</summary>
    public int OutputLevel { get; }

    /// <summary>Returns the distinct rotation steps whose Galois keys a bootstrap needs (conjugation is needed as well).</summary>
    public int[] RotationSteps()
    {
        var steps = new SortedSet<int>();
        int slots = Context.Parameters.Slots;
        for (int s = MessageSlots; s < slots; s <<= 1)
        {
            steps.Add(s); // SubSum for sparse packing
        }

        foreach (LinearTransform lt in _coeffsToSlots.Concat(_slotsToCoeffs))
        {
            foreach (int s in lt.RotationSteps())
            {
                int k = ((s % slots) + slots) % slots;
                if (k != 0)
                {
                    steps.Add(k > slots / 2 ? k - slots : k);
                }
            }
        }

        return [.. steps];
    }

    /// <summary>
    /// Returns a fresh ciphertext of the same message at <see cref="OutputLevel"/> with the input's scale. Inputs above level 0 are
    /// first dropped to level 0. The message must satisfy |coefficients| ≪ q_0/scale (|slots| ≤ 1 at scale Δ is the design point).
    /// </summary>
    /// <exception cref="MissingKeyException">If a needed key is absent (the message names it).</exception>
    /// <exception cref="ArgumentException">If the ciphertext has size 3 or other parameters.</exception>
    public Ciphertext Bootstrap(Ciphertext ciphertext, BootstrappingKeys keys) => Bootstrap(ciphertext, keys, null);

    /// <summary>As <see cref="Bootstrap(Ciphertext, BootstrappingKeys)"/>, recording the time of each phase in <paramref name="trace"/> when given.</summary>
    /// <exception cref="MissingKeyException">If a needed key is absent (the message names it).</exception>
    /// <exception cref="ArgumentException">If the ciphertext has size 3 or other parameters.</exception>
    public Ciphertext Bootstrap(Ciphertext ciphertext, BootstrappingKeys keys, BootstrapTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return Bootstrap(ciphertext, keys, ciphertext.Scale, trace);
    }

    /// <summary>
    /// As <see cref="Bootstrap(Ciphertext, BootstrappingKeys)"/>, but the input's polynomial is read at <paramref name="scale"/> instead of its own
    /// scale, and the result carries that scale: an exact, free change of the message by the factor ciphertext.Scale/scale (e.g. to land on a
    /// scale a caller's scale management needs). The input range condition applies to the polynomial: |coefficients| ≪ q_0.
    /// </summary>
    /// <exception cref="MissingKeyException">If a needed key is absent (the message names it).</exception>
    /// <exception cref="ArgumentException">If the ciphertext has size 3 or other parameters, or the scale is not positive and finite.</exception>
    public Ciphertext Bootstrap(Ciphertext ciphertext, BootstrappingKeys keys, double scale, BootstrapTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentException($"Bootstrap: scale must be positive and finite, got {scale}.", nameof(scale));
        }

        ArgumentNullException.ThrowIfNull(keys);
        Context.CheckParameters(ciphertext.Parameters, "Bootstrap", "the ciphertext");
        CheckKeys(keys);
        if (ciphertext.Size != 2)
        {
            throw new ArgumentException($"Bootstrap: the ciphertext must have size 2 (relinearize first); got {ciphertext.Size}.", nameof(ciphertext));
        }

        var ev = new Evaluator(Context, new EvaluationKeys(keys.Relinearization, keys.Galois));
        double inputScale = scale;
        trace?.Begin("ModRaise (+ encapsulation)");
        Ciphertext ct = ev.DropToLevel0(ciphertext);
        if (keys.ToSparse is not null)
        {
            LevelZeroKeySwitch.Apply(Context, ct, keys.ToSparse, ct);
        }

        Ciphertext raised = CiphertextOps.ModRaise(Context, ct, Context.MaxLevel);
        if (keys.FromSparse is not null)
        {
            CiphertextOps.SwitchKey(ev, raised, keys.FromSparse, raised);
        }

        // Read the raised plaintext at scale q_0: coefficients t = Δm/q_0 + I. (Scaling it up by an exact integer first was tried: it lowers
        // the key-switching noise relative to the signal but forces lower diagonal-encoding scales in CoeffsToSlots, a net loss of 2 bits.)
        raised.Scale = Context.QModuli[0].Value;
        trace?.Begin("CoeffsToSlots");
        (Ciphertext re, Ciphertext im) = CoeffsToSlots(ev, raised);
        trace?.Begin("EvalMod (real + imaginary)");
        Ciphertext yRe, yIm;
        if (Parallelism.MaxDegree > 1)
        {
            // The two EvalMods are independent: one per thread (each still splits its limb loops when more cores are allowed).
            Task<Ciphertext> imTask = Task.Run(() => _evalMod.Evaluate(ev, im));
            yRe = _evalMod.Evaluate(ev, re);
            yIm = imTask.GetAwaiter().GetResult();
        }
        else
        {
            yRe = _evalMod.Evaluate(ev, re);
            yIm = _evalMod.Evaluate(ev, im);
        }
        trace?.Begin("SlotsToCoeffs");
        Ciphertext result = SlotsToCoeffs(ev, yRe, yIm);
        trace?.End();
        result.Scale = inputScale; // SlotsToCoeffs produced Δ_in·m at bookkeeping scale Δ (see remarks)
        return result;
    }

    /// <summary>CoeffsToSlots on a raised ciphertext at the top level with scale q_0: returns (x_re, x_im), real slots (t − 1/4)/K'.</summary>
    internal (Ciphertext Re, Ciphertext Im) CoeffsToSlots(Evaluator ev, Ciphertext raised)
    {
        Ciphertext w = raised;
        for (int s = MessageSlots; s < Context.Parameters.Slots; s <<= 1)
        {
            // SubSum: Σ over the rotations by multiples of n' keeps (|H| times) the coefficients of X^(N/(2n'))-monomials and clears the rest of I.
            Ciphertext rot = ev.RotateNew(w, s);
            w = ev.AddNew(w, rot);
        }

        foreach (LinearTransform lt in _coeffsToSlots)
        {
            w = lt.Evaluate(ev, w);
        }

        var conj = new Ciphertext(Context.Parameters, w.Level);
        ev.Conjugate(w, conj);
        Ciphertext re = ev.AddNew(w, conj);
        Ciphertext im = ev.SubNew(w, conj);
        CiphertextOps.MultiplyByI(Context, im, im, negate: true);
        Complex shift = -0.25 / Parameters.EvalMod.Normalization;
        ev.AddConst(re, shift, re);
        ev.AddConst(im, shift, im);
        return (re, im);
    }

    /// <summary>SlotsToCoeffs on the EvalMod outputs: v = y_re + i·y_im, then the scaled forward special FFT; output at bookkeeping scale Δ.</summary>
    internal Ciphertext SlotsToCoeffs(Evaluator ev, Ciphertext yRe, Ciphertext yIm)
    {
        var v = new Ciphertext(Context.Parameters, yIm.Level);
        CiphertextOps.MultiplyByI(Context, yIm, v);
        ev.Add(v, yRe, v);
        foreach (LinearTransform lt in _slotsToCoeffs)
        {
            v = lt.Evaluate(ev, v);
        }

        return v;
    }

    /// <summary>The EvalMod evaluator.</summary>
    internal EvalMod EvalModStep => _evalMod;

    /// <summary>The CoeffsToSlots factors.</summary>
    internal IReadOnlyList<LinearTransform> CoeffsToSlotsTransforms => _coeffsToSlots;

    /// <summary>The SlotsToCoeffs factors.</summary>
    internal IReadOnlyList<LinearTransform> SlotsToCoeffsTransforms => _slotsToCoeffs;

    private void CheckKeys(BootstrappingKeys keys)
    {
        Context.CheckParameters(keys.Galois.Parameters, "Bootstrap", "the Galois keys");
        Context.CheckParameters(keys.Relinearization.Parameters, "Bootstrap", "the relinearization key");
        var missing = new List<string>();
        foreach (int s in RotationSteps())
        {
            if (!keys.Galois.ContainsRotation(s))
            {
                missing.Add($"rotation {s} (Galois element {GaloisElements.ForRotation(s, Context.N)})");
            }
        }

        if (!keys.Galois.Contains(GaloisElements.ForConjugation(Context.N)))
        {
            missing.Add($"conjugation (Galois element {GaloisElements.ForConjugation(Context.N)})");
        }

        if (Parameters.EphemeralHammingWeight > 0 && (keys.ToSparse is null || keys.FromSparse is null))
        {
            missing.Add("the sparse-secret encapsulation keys (s → s' and s' → s)");
        }

        if (missing.Count > 0)
        {
            throw new MissingKeyException(
                $"Bootstrap: {missing.Count} key(s) missing: {string.Join(", ", missing)}; create the keys with BootstrappingKeyGenerator.Create for this bootstrapper.");
        }
    }

    private static DiagonalMatrix[] Replicate(DiagonalMatrix[] factors, int slots)
    {
        for (int i = 0; i < factors.Length; i++)
        {
            if (factors[i].N != slots)
            {
                factors[i] = factors[i].Replicate(slots);
            }
        }

        return factors;
    }

    private static LinearTransform[] BuildChain(CkksContext ctx, CkksEncoder encoder, DiagonalMatrix[] factors, int level, double inputScale, double outputScale, bool onTheFly)
    {
        var result = new LinearTransform[factors.Length];
        double s = inputScale;
        for (int i = 0; i < factors.Length; i++)
        {
            // Geometric interpolation of the scale from input to output keeps every diagonal's encoding scale close to q_l.
            double target = inputScale * Math.Pow(outputScale / inputScale, (i + 1.0) / factors.Length);
            result[i] = new LinearTransform(ctx, encoder, factors[i], level - i, s, target, onTheFly);
            s = target;
        }

        return result;
    }

    /// <summary>Predicts the exact EvalMod output scale for an input at <paramref name="level"/> (the Chebyshev step returns 2^LogScale; each double angle maps s to s²/q).</summary>
    private double EvalModOutputScale(CkksContext ctx, int level, double evalScale)
    {
        int l = level - 1 - ChebyshevEvaluator.Depth(Parameters.EvalMod.CosineDegree / 2);
        double s = evalScale;
        for (int i = 0; i < Parameters.EvalMod.DoubleAngleSteps; i++)
        {
            s = s * s / ctx.QModuli[l].Value;
            l--;
        }

        return s;
    }
}
