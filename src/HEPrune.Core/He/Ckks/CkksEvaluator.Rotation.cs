using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <summary>Rotations (single and hoisted) and conjugation of the CKKS evaluator.</summary>
public sealed partial class CkksEvaluator
{
    /// <inheritdoc />
    public HeCiphertext Rotate(HeCiphertext a, int k)
    {
        var x = Check(a, "Rotate");
        int s = Normalize(k);
        if (s == 0) return x;
        if (!_steps.Contains(s))
            throw new MissingKeyException("Rotate", $"step {k} (left {s} of {Slots} slots)");
        Record(OpKind.Rot, x.Level);
        var d = new Ciphertext(Context.Parameters, x.Level);
        _ev.Rotate(x.Inner, s, d);
        return Wrap(d, x.Scale);
    }

    /// <inheritdoc />
    /// <remarks>The non-zero steps share one key-switch decomposition of c₁ (the CKKS library's hoisting).</remarks>
    public HeCiphertext[] RotateHoisted(HeCiphertext a, ReadOnlySpan<int> steps)
    {
        var x = Check(a, "RotateHoisted");
        var result = new HeCiphertext[steps.Length];
        int nonZero = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            int s = Normalize(steps[i]);
            if (s == 0) continue;
            if (!_steps.Contains(s))
                throw new MissingKeyException("RotateHoisted", $"step {steps[i]} (left {s} of {Slots} slots)");
            nonZero++;
        }
        var normalized = new int[nonZero];
        var destinations = new Ciphertext[nonZero];
        for (int i = 0, j = 0; i < steps.Length; i++)
        {
            int s = Normalize(steps[i]);
            if (s == 0) continue;
            normalized[j] = s;
            destinations[j++] = new Ciphertext(Context.Parameters, x.Level);
        }
        if (nonZero > 0)
        {
            lock (_countLock) Counter.Record(OpKind.Rot, x.Level, nonZero);
            _ev.RotateHoisted(x.Inner, normalized, destinations);
        }
        for (int i = 0, j = 0; i < steps.Length; i++)
            result[i] = Normalize(steps[i]) == 0 ? x : Wrap(destinations[j++], x.Scale);
        return result;
    }

    /// <inheritdoc />
    public HeCiphertext Conjugate(HeCiphertext a)
    {
        var x = Check(a, "Conjugate");
        if (!_conjugation) throw new MissingKeyException("Conjugate", "conjugation");
        Record(OpKind.Conj, x.Level);
        var d = new Ciphertext(Context.Parameters, x.Level);
        _ev.Conjugate(x.Inner, d);
        return Wrap(d, x.Scale);
    }

    private int Normalize(int k) => ((k % Slots) + Slots) % Slots;
}
