using System.Numerics;

namespace HEPrune.Core.He.Emulated;

/// <summary>
/// Server-side evaluator of the emulated backend: applies each operation to float64 slot vectors and tracks level
/// and scale exactly as RNS-CKKS would, failing where CKKS would (level exhausted, missing key, scale mismatch).
/// </summary>
/// <remarks>
/// Scale model: primes are 2^bits; ct×ct gives scale s₁s₂/q_ℓ; plaintexts and non-integer constants are encoded at
/// scale q_ℓ so that CMult/Const keep the scale. Not thread-safe (one counter, one noise generator).
/// </remarks>
public sealed partial class EmulatedEvaluator : IHeEvaluator
{
    private readonly GaussianSource? _noise;
    private readonly EmulationNoise _noiseModel;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="parameters">Parameter shape.</param>
    /// <param name="keys">Available evaluation keys; null means every rotation and conjugation is allowed.</param>
    /// <param name="noise">Noise model; null means none.</param>
    public EmulatedEvaluator(HeParameters parameters, EvaluationKeySet? keys = null, EmulationNoise? noise = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (keys is not null && keys.Slots != parameters.Slots)
            throw new ArgumentException($"EmulatedEvaluator: key set is for {keys.Slots} slots, parameters have {parameters.Slots}.", nameof(keys));
        Parameters = parameters;
        Keys = keys;
        _noiseModel = noise ?? EmulationNoise.None;
        _noise = _noiseModel.IsNone ? null : new GaussianSource(_noiseModel.Seed * 7919 + 17);
    }

    /// <inheritdoc />
    public HeParameters Parameters { get; }

    /// <inheritdoc />
    public int Slots => Parameters.Slots;

    /// <inheritdoc />
    public OpCounter Counter { get; } = new();

    /// <inheritdoc />
    public IRefresher? Refresher { get; set; }

    /// <summary>Evaluation keys enforced by rotations and conjugation, or null when all are available.</summary>
    public EvaluationKeySet? Keys { get; }

    /// <inheritdoc />
    public HeCiphertext Add(HeCiphertext a, HeCiphertext b) => AddSub(a, b, +1, "Add");

    /// <inheritdoc />
    public HeCiphertext Sub(HeCiphertext a, HeCiphertext b) => AddSub(a, b, -1, "Sub");

    /// <inheritdoc />
    public HeCiphertext Negate(HeCiphertext a)
    {
        var x = Check(a, "Negate");
        Counter.Record(OpKind.Add, x.Level);
        var (re, im) = SlotKernels.Scale(x.Re, x.Im, -Complex.One);
        return new EmulatedCiphertext(re, im, x.Level, x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext AddPlain(HeCiphertext a, SlotVector p) => AddSubPlain(a, p, +1, "AddPlain");

    /// <inheritdoc />
    public HeCiphertext SubPlain(HeCiphertext a, SlotVector p) => AddSubPlain(a, p, -1, "SubPlain");

    /// <inheritdoc />
    public HeCiphertext AddConst(HeCiphertext a, Complex c)
    {
        var x = Check(a, "AddConst");
        Counter.Record(OpKind.AddPlain, x.Level);
        var (re, im) = SlotKernels.AddScalar(x.Re, x.Im, c);
        return new EmulatedCiphertext(re, im, x.Level, x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext MultiplyPlain(HeCiphertext a, SlotVector p)
    {
        var x = Check(a, "MultiplyPlain");
        CheckPlain(p, "MultiplyPlain");
        NeedLevel(x, "MultiplyPlain");
        Counter.Record(OpKind.CMult, x.Level);
        var (re, im) = SlotKernels.Mul(x.Re, x.Im, new SlotKernels.Operand(p.Real), new SlotKernels.Operand(p.Imag));
        return Rescaled(re, im, x.Level, x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext MultiplyConst(HeCiphertext a, Complex c)
    {
        var x = Check(a, "MultiplyConst");
        bool gaussianInteger = c.Real == Math.Round(c.Real) && c.Imaginary == Math.Round(c.Imaginary);
        if (!gaussianInteger) NeedLevel(x, "MultiplyConst");
        Counter.Record(gaussianInteger ? OpKind.IntConst : OpKind.Const, x.Level);
        var (re, im) = SlotKernels.Scale(x.Re, x.Im, c);
        return gaussianInteger ? new EmulatedCiphertext(re, im, x.Level, x.Scale) : Rescaled(re, im, x.Level, x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext Multiply(HeCiphertext a, HeCiphertext b)
    {
        var x = Check(a, "Multiply");
        var y = Check(b, "Multiply");
        int level = Math.Min(x.Level, y.Level);
        if (level < 1) throw new LevelExhaustedException("Multiply", level, 1);
        Counter.Record(OpKind.Mult, level);
        var (re, im) = SlotKernels.Mul(x.Re, x.Im, new SlotKernels.Operand(y.Re), new SlotKernels.Operand(y.Im));
        return Rescaled(re, im, level, x.Scale * y.Scale / Parameters.PrimeValue(level));
    }

    /// <inheritdoc />
    public HeCiphertext Square(HeCiphertext a)
    {
        var x = Check(a, "Square");
        NeedLevel(x, "Square");
        Counter.Record(OpKind.Mult, x.Level);
        var (re, im) = SlotKernels.Mul(x.Re, x.Im, new SlotKernels.Operand(x.Re), new SlotKernels.Operand(x.Im));
        return Rescaled(re, im, x.Level, x.Scale * x.Scale / Parameters.PrimeValue(x.Level));
    }

    /// <inheritdoc />
    public HeCiphertext DropLevel(HeCiphertext a, int targetLevel)
    {
        var x = Check(a, "DropLevel");
        if (targetLevel < 0 || targetLevel > x.Level)
            throw new ArgumentOutOfRangeException(nameof(targetLevel), targetLevel, $"DropLevel: target must be in [0, {x.Level}].");
        if (targetLevel == x.Level) return x;
        Counter.Record(OpKind.Drop, x.Level);
        return new EmulatedCiphertext(x.Re.Clone(), x.Im?.Clone(), targetLevel, x.Scale);
    }

    /// <inheritdoc />
    public HeCiphertext Refresh(HeCiphertext a)
    {
        var x = Check(a, "Refresh");
        var r = Refresher ?? throw new InvalidOperationException("Refresh: no refresher (bootstrapping or client-aided) is configured on the evaluator.");
        if (x.Level < r.MinInputLevel)
            throw new LevelExhaustedException($"Refresh ({r.Name})", x.Level, r.MinInputLevel);
        Counter.Record(OpKind.Refresh, x.Level);
        var result = r.Refresh(x);
        if (result.Slots != Slots)
            throw new InvalidOperationException($"Refresh ({r.Name}) returned {result.Slots} slots, expected {Slots}.");
        return result;
    }

    /// <summary>Creates the bootstrap-style refresher of this backend (level reset with optional noise).</summary>
    public IRefresher CreateBootstrapper(int minInputLevel = 0) =>
        new EmulatedBootstrapper(Parameters, minInputLevel, _noiseModel.RefreshStd, _noiseModel.Seed * 104729 + 3);

    private HeCiphertext AddSub(HeCiphertext a, HeCiphertext b, int sign, string op)
    {
        var x = Check(a, op);
        var y = Check(b, op);
        CheckScales(x.Scale, y.Scale, op);
        int level = Math.Min(x.Level, y.Level);
        Counter.Record(OpKind.Add, level);
        var (re, im) = SlotKernels.AddSub(x.Re, x.Im, new SlotKernels.Operand(y.Re), new SlotKernels.Operand(y.Im), sign);
        return new EmulatedCiphertext(re, im, level, x.Scale);
    }

    private HeCiphertext AddSubPlain(HeCiphertext a, SlotVector p, int sign, string op)
    {
        var x = Check(a, op);
        CheckPlain(p, op);
        Counter.Record(OpKind.AddPlain, x.Level);
        var (re, im) = SlotKernels.AddSub(x.Re, x.Im, new SlotKernels.Operand(p.Real), new SlotKernels.Operand(p.Imag), sign);
        return new EmulatedCiphertext(re, im, x.Level, x.Scale);
    }

    private EmulatedCiphertext Rescaled(SlotArray re, SlotArray? im, int level, double scale)
    {
        if (_noise is not null && _noiseModel.RescaleStd > 0) im = _noise.AddTo(re, im, _noiseModel.RescaleStd);
        return new EmulatedCiphertext(re, im, level - 1, scale);
    }

    private EmulatedCiphertext Check(HeCiphertext a, string op)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a is not EmulatedCiphertext x)
            throw new ArgumentException($"{op}: ciphertext of type {a.GetType().Name} does not belong to the emulated backend.", nameof(a));
        if (x.Slots != Slots)
            throw new ArgumentException($"{op}: ciphertext has {x.Slots} slots, evaluator has {Slots}.", nameof(a));
        return x;
    }

    private void CheckPlain(SlotVector p, string op)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Length != Slots)
            throw new ArgumentException($"{op}: plaintext has {p.Length} slots, evaluator has {Slots}.", nameof(p));
    }

    private static void NeedLevel(EmulatedCiphertext x, string op)
    {
        if (x.Level < 1) throw new LevelExhaustedException(op, x.Level, 1);
    }

    private static void CheckScales(double sa, double sb, string op)
    {
        if (Math.Abs(sa / sb - 1.0) > 1e-9) throw new ScaleMismatchException(op, sa, sb);
    }
}
