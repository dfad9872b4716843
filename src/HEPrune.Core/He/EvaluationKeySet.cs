namespace HEPrune.Core.He;

/// <summary>
/// Lists which rotation steps (normalised to left rotations modulo the slot count) and whether a conjugation key
/// exist; backends that enforce keys reject other rotations with <see cref="MissingKeyException"/>.
/// </summary>
public sealed class EvaluationKeySet
{
    private readonly HashSet<int> _steps = new();

    /// <summary>Creates a key set for the given slot count.</summary>
    public EvaluationKeySet(int slots, bool conjugation = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 2);
        Slots = slots;
        HasConjugation = conjugation;
    }

    /// <summary>Slot count the steps are normalised against.</summary>
    public int Slots { get; }

    /// <summary>True when a conjugation key exists.</summary>
    public bool HasConjugation { get; set; }

    /// <summary>Normalised left-rotation steps that have keys.</summary>
    public IReadOnlyCollection<int> Steps => _steps;

    /// <summary>Normalises a signed step (left positive, right negative) to a left step in [0, slots).</summary>
    public int Normalize(int step) => ((step % Slots) + Slots) % Slots;

    /// <summary>Adds a key for a signed step; returns this set for chaining.</summary>
    public EvaluationKeySet Add(int step)
    {
        int s = Normalize(step);
        if (s != 0) _steps.Add(s);
        return this;
    }

    /// <summary>Adds keys for all given signed steps.</summary>
    public EvaluationKeySet AddRange(IEnumerable<int> steps)
    {
        foreach (int s in steps) Add(s);
        return this;
    }

    /// <summary>True when a rotation by the signed step is possible (step 0 always is).</summary>
    public bool Contains(int step)
    {
        int s = Normalize(step);
        return s == 0 || _steps.Contains(s);
    }
}
