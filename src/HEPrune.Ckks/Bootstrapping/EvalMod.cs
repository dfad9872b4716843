using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>The homomorphic modular reduction step of bootstrapping: x = (t − 1/4)/K' ↦ sin(2πt), slot-wise on real slots (see <see cref="EvalModParameters"/>).</summary>
public sealed class EvalMod
{
    private readonly ChebyshevSeries _g;

    /// <summary>Prepares the cosine series for <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">If the parameters are invalid.</exception>
    public EvalMod(EvalModParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
        Series = parameters.CosineSeries();
        _g = Series.EvenPart(1e-9);
    }

    /// <summary>The parameters.</summary>
    public EvalModParameters Parameters { get; }

    /// <summary>The cosine interpolant in x.</summary>
    public ChebyshevSeries Series { get; }

    /// <summary>Reference of the whole circuit in float64: the value a slot holds after EvalMod for input t (x = (t − 1/4)/K').</summary>
    public double Reference(double t)
    {
        double y = _g.Evaluate(2 * Math.Pow((t - 0.25) / Parameters.Normalization, 2) - 1);
        for (int i = 0; i < Parameters.DoubleAngleSteps; i++)
        {
            y = 2 * y * y - 1;
        }

        return y;
    }

    /// <summary>
    /// Returns the ciphertext of sin(2πt) for an input whose real slots hold x = (t − 1/4)/K' at scale about 2^LogScale;
    /// consumes <see cref="EvalModParameters.Depth"/> levels, output scale ≈ 2^LogScale (exact value in the result's Scale).
    /// </summary>
    /// <exception cref="LevelExhaustedException">If the input has fewer levels than the circuit needs.</exception>
    public Ciphertext Evaluate(Evaluator evaluator, Ciphertext x)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Level < Parameters.Depth)
        {
            throw new LevelExhaustedException($"EvalMod: needs {Parameters.Depth} levels but the input is at level {x.Level}.");
        }

        double scale = Math.Pow(2, Parameters.LogScale);

        // y = T_2(x) = 2x² − 1.
        Ciphertext y = evaluator.MultiplyRelinNew(x, x);
        evaluator.MultiplyInteger(y, 2, y);
        evaluator.Rescale(y, y);
        evaluator.AddConst(y, -1, y);

        Ciphertext c = ChebyshevEvaluator.Evaluate(evaluator, y, _g, scale);
        for (int i = 0; i < Parameters.DoubleAngleSteps; i++)
        {
            evaluator.MultiplyRelin(c, c, c);
            evaluator.MultiplyInteger(c, 2, c);
            evaluator.Rescale(c, c);
            evaluator.AddConst(c, -1, c);
        }

        return c;
    }
}
