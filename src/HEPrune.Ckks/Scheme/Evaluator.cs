using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>
/// Homomorphic operations on ciphertexts (server side; holds only public evaluation keys, never a secret key).
/// </summary>
/// <remarks>
/// <para>Shape: the primary method writes into a caller-given <c>destination</c>, which may be one of the inputs; a <c>…New</c> twin allocates.</para>
/// <para>Levels: binary operations on operands at different levels work at the lower level (dropping limbs is exact).
/// Scales: Add/Sub require equal scales up to <see cref="ScaleTolerance"/> (relative) and throw <see cref="ScaleMismatchException"/> otherwise;
/// multiplications multiply scales; <see cref="Rescale"/> divides by the last prime q_l and consumes one level.</para>
/// <para>Thread safety: all methods are safe to call concurrently on different destination ciphertexts (scratch memory is pooled per call).</para>
/// </remarks>
public sealed partial class Evaluator
{
    private readonly CkksContext _ctx;
    private readonly EvaluationKeys _keys;

    /// <summary>Creates an evaluator with the given public evaluation keys (relinearization and/or Galois keys; either may be null).</summary>
    /// <exception cref="ParametersMismatchException">If a key belongs to other parameters.</exception>
    public Evaluator(CkksContext context, EvaluationKeys? keys = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ctx = context;
        _keys = keys ?? new EvaluationKeys(null, null);
        if (_keys.Relinearization is not null)
        {
            context.CheckParameters(_keys.Relinearization.Parameters, "Evaluator", "the relinearization key");
        }

        if (_keys.Galois is not null)
        {
            context.CheckParameters(_keys.Galois.Parameters, "Evaluator", "the Galois keys");
        }
    }

    /// <summary>The context (parameters and tables).</summary>
    public CkksContext Context => _ctx;

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters => _ctx.Parameters;

    /// <summary>
    /// Largest relative difference |s_1/s_2 − 1| accepted between the scales of Add/Sub operands (default 2^−16). The result takes the first operand's
    /// scale, so the relative error this adds to the result is at most this value. Set before concurrent use.
    /// </summary>
    public double ScaleTolerance { get; set; } = 1.0 / 65536;

    private void Check(Ciphertext ct, string op, string name)
    {
        ArgumentNullException.ThrowIfNull(ct, name);
        _ctx.CheckParameters(ct.Parameters, op, name);
    }

    private void Check(Plaintext pt, string op, string name)
    {
        ArgumentNullException.ThrowIfNull(pt, name);
        _ctx.CheckParameters(pt.Parameters, op, name);
    }

    private void CheckScales(double a, double b, string op)
    {
        if (!(Math.Abs(a / b - 1) <= ScaleTolerance))
        {
            throw new ScaleMismatchException(
                $"{op}: scale mismatch, 2^{Math.Log2(a):F6} vs 2^{Math.Log2(b):F6} (relative difference {Math.Abs(a / b - 1):E2} > tolerance {ScaleTolerance:E2}); rescale or re-encode so both operands have the same scale.");
        }
    }

    private void CheckScaleFits(double scale, int level, string op)
    {
        double logQ = _ctx.Parameters.LogQAtLevel(level);
        if (!(Math.Log2(scale) < logQ - 1))
        {
            throw new LevelExhaustedException(
                $"{op}: result scale 2^{Math.Log2(scale):F1} does not fit the level-{level} modulus Q_{level} = 2^{logQ:F1}; rescale the inputs first or start from a higher level.");
        }
    }

    private static int[] MapIdentity(int count)
    {
        var m = new int[count];
        for (int i = 0; i < count; i++)
        {
            m[i] = i;
        }

        return m;
    }
}
