using System.Numerics;

namespace HEPrune.Core.He.Ckks;

/// <summary>
/// An <see cref="IHeEvaluator"/> decorator that forwards every call to an inner evaluator and records the rotation
/// steps and conjugations used, so a circuit run once on the emulated backend yields the <see cref="EvaluationKeySet"/>
/// the CKKS client must generate keys for.
/// </summary>
public sealed class RotationKeyRecorder : IHeEvaluator
{
    private readonly IHeEvaluator _inner;
    private readonly object _lock = new();

    /// <summary>Wraps <paramref name="inner"/> (typically an emulated evaluator without key enforcement).</summary>
    public RotationKeyRecorder(IHeEvaluator inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        Recorded = new EvaluationKeySet(inner.Slots, conjugation: false);
    }

    /// <summary>The steps (and conjugation) seen so far.</summary>
    public EvaluationKeySet Recorded { get; }

    /// <inheritdoc />
    public HeParameters Parameters => _inner.Parameters;

    /// <inheritdoc />
    public int Slots => _inner.Slots;

    /// <inheritdoc />
    public OpCounter Counter => _inner.Counter;

    /// <inheritdoc />
    public IRefresher? Refresher { get => _inner.Refresher; set => _inner.Refresher = value; }

    /// <inheritdoc />
    public HeCiphertext Add(HeCiphertext a, HeCiphertext b) => _inner.Add(a, b);

    /// <inheritdoc />
    public HeCiphertext Sub(HeCiphertext a, HeCiphertext b) => _inner.Sub(a, b);

    /// <inheritdoc />
    public HeCiphertext Negate(HeCiphertext a) => _inner.Negate(a);

    /// <inheritdoc />
    public HeCiphertext AddPlain(HeCiphertext a, SlotVector p) => _inner.AddPlain(a, p);

    /// <inheritdoc />
    public HeCiphertext SubPlain(HeCiphertext a, SlotVector p) => _inner.SubPlain(a, p);

    /// <inheritdoc />
    public HeCiphertext AddConst(HeCiphertext a, Complex c) => _inner.AddConst(a, c);

    /// <inheritdoc />
    public HeCiphertext MultiplyPlain(HeCiphertext a, SlotVector p) => _inner.MultiplyPlain(a, p);

    /// <inheritdoc />
    public HeCiphertext MultiplyConst(HeCiphertext a, Complex c) => _inner.MultiplyConst(a, c);

    /// <inheritdoc />
    public HeCiphertext Multiply(HeCiphertext a, HeCiphertext b) => _inner.Multiply(a, b);

    /// <inheritdoc />
    public HeCiphertext Square(HeCiphertext a) => _inner.Square(a);

    /// <inheritdoc />
    public HeCiphertext Rotate(HeCiphertext a, int k)
    {
        lock (_lock) Recorded.Add(k);
        return _inner.Rotate(a, k);
    }

    /// <inheritdoc />
    public HeCiphertext[] RotateHoisted(HeCiphertext a, ReadOnlySpan<int> steps)
    {
        lock (_lock)
            foreach (int k in steps) Recorded.Add(k);
        return _inner.RotateHoisted(a, steps);
    }

    /// <inheritdoc />
    public HeCiphertext Conjugate(HeCiphertext a)
    {
        lock (_lock) Recorded.HasConjugation = true;
        return _inner.Conjugate(a);
    }

    /// <inheritdoc />
    public HeCiphertext DropLevel(HeCiphertext a, int targetLevel) => _inner.DropLevel(a, targetLevel);

    /// <inheritdoc />
    public HeCiphertext Refresh(HeCiphertext a) => _inner.Refresh(a);
}
