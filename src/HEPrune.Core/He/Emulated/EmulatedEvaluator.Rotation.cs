using System.Numerics;

namespace HEPrune.Core.He.Emulated;

/// <summary>Rotations and conjugation of the emulated evaluator.</summary>
public sealed partial class EmulatedEvaluator
{
    /// <inheritdoc />
    public HeCiphertext Rotate(HeCiphertext a, int k)
    {
        var x = Check(a, "Rotate");
        int s = Normalize(k);
        if (s == 0) return x;
        if (Keys is not null && !Keys.Contains(s))
            throw new MissingKeyException("Rotate", $"step {k} (left {s} of {Slots} slots)");
        Counter.Record(OpKind.Rot, x.Level);
        return RotateValues(x, s);
    }

    /// <inheritdoc />
    public HeCiphertext[] RotateHoisted(HeCiphertext a, ReadOnlySpan<int> steps)
    {
        var x = Check(a, "RotateHoisted");
        var result = new HeCiphertext[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            int s = Normalize(steps[i]);
            if (s != 0 && Keys is not null && !Keys.Contains(s))
                throw new MissingKeyException("RotateHoisted", $"step {steps[i]} (left {s} of {Slots} slots)");
        }
        for (int i = 0; i < steps.Length; i++)
        {
            int s = Normalize(steps[i]);
            if (s == 0)
            {
                result[i] = x;
                continue;
            }
            Counter.Record(OpKind.Rot, x.Level);
            result[i] = RotateValues(x, s);
        }
        return result;
    }

    /// <inheritdoc />
    public HeCiphertext Conjugate(HeCiphertext a)
    {
        var x = Check(a, "Conjugate");
        if (Keys is not null && !Keys.HasConjugation)
            throw new MissingKeyException("Conjugate", "conjugation");
        Counter.Record(OpKind.Conj, x.Level);
        var im = x.Im is null ? null : SlotKernels.Scale(x.Im, null, -Complex.One).Re;
        return new EmulatedCiphertext(x.Re.Clone(), im, x.Level, x.Scale);
    }

    private int Normalize(int k) => ((k % Slots) + Slots) % Slots;

    private static EmulatedCiphertext RotateValues(EmulatedCiphertext x, int left)
        => new(x.Re.RotatedLeft(left), x.Im?.RotatedLeft(left), x.Level, x.Scale);
}
