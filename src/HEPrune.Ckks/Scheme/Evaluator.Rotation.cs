using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <content>Slot rotations, conjugation and hoisted rotations (Galois automorphisms followed by key switching).</content>
public sealed partial class Evaluator
{
    /// <summary>destination = ct with slots rotated left by <paramref name="step"/> (negative = right): slot j receives slot j+step.</summary>
    /// <exception cref="MissingKeyException">If no Galois key exists for this step (the message names the step and Galois element).</exception>
    public void Rotate(Ciphertext ct, int step, Ciphertext destination)
    {
        Check(ct, "Rotate", nameof(ct));
        Check(destination, "Rotate", nameof(destination));
        ulong g = GaloisElements.ForRotation(step, _ctx.N);
        if (g == 1)
        {
            destination.CopyFrom(ct);
            return;
        }

        SwitchingKey key = GetGaloisKey(g, $"Rotate: no Galois key for rotation step {step} (Galois element {g} = 5^{Mod(step)} mod {2 * _ctx.N})");
        ApplyGalois(ct, [g], [key], [destination]);
    }

    /// <summary>Returns ct rotated left by <paramref name="step"/> in a new ciphertext.</summary>
    public Ciphertext RotateNew(Ciphertext ct, int step)
    {
        var d = new Ciphertext(Parameters, ct.Level);
        Rotate(ct, step, d);
        return d;
    }

    /// <summary>
    /// Rotates left by <paramref name="step"/> using the key for that step if present, otherwise composing rotations by powers of two
    /// (one key switch per set bit of step mod N/2, using keys for +2^i).
    /// </summary>
    /// <exception cref="MissingKeyException">If neither the direct key nor the needed power-of-two keys exist.</exception>
    public void RotateComposite(Ciphertext ct, int step, Ciphertext destination)
    {
        Check(ct, "RotateComposite", nameof(ct));
        ulong g = GaloisElements.ForRotation(step, _ctx.N);
        if (g == 1 || (_keys.Galois?.Contains(g) ?? false))
        {
            Rotate(ct, step, destination);
            return;
        }

        int k = Mod(step);
        destination.CopyFrom(ct);
        for (int bit = 0; (1 << bit) <= k; bit++)
        {
            if ((k & (1 << bit)) == 0)
            {
                continue;
            }

            ulong gb = GaloisElements.ForRotation(1 << bit, _ctx.N);
            if (!(_keys.Galois?.Contains(gb) ?? false))
            {
                throw new MissingKeyException(
                    $"RotateComposite: step {step} has no direct key and the power-of-two key for step {1 << bit} (Galois element {gb}) is missing.");
            }

            Rotate(destination, 1 << bit, destination);
        }
    }

    /// <summary>destination = complex conjugate of every slot.</summary>
    /// <exception cref="MissingKeyException">If there is no conjugation key (Galois element 2N−1).</exception>
    public void Conjugate(Ciphertext ct, Ciphertext destination)
    {
        Check(ct, "Conjugate", nameof(ct));
        Check(destination, "Conjugate", nameof(destination));
        ulong g = GaloisElements.ForConjugation(_ctx.N);
        SwitchingKey key = GetGaloisKey(g, $"Conjugate: no conjugation key (Galois element {g} = 2N−1); create Galois keys with includeConjugation: true");
        ApplyGalois(ct, [g], [key], [destination]);
    }

    /// <summary>
    /// Rotates <paramref name="ct"/> by each of <paramref name="steps"/> into the matching <paramref name="destinations"/>, sharing one
    /// decomposition (mod-up and NTTs) of c_1 across all rotations (hoisting). Results equal those of <see cref="Rotate"/>.
    /// </summary>
    /// <exception cref="ArgumentException">If the counts differ or a destination is the input.</exception>
    /// <exception cref="MissingKeyException">If a step has no key.</exception>
    public void RotateHoisted(Ciphertext ct, ReadOnlySpan<int> steps, IReadOnlyList<Ciphertext> destinations)
    {
        Check(ct, "RotateHoisted", nameof(ct));
        ArgumentNullException.ThrowIfNull(destinations);
        if (steps.Length != destinations.Count)
        {
            throw new ArgumentException($"RotateHoisted: {steps.Length} steps but {destinations.Count} destinations.", nameof(destinations));
        }

        var gs = new ulong[steps.Length];
        var keys = new SwitchingKey?[steps.Length];
        for (int r = 0; r < steps.Length; r++)
        {
            Check(destinations[r], "RotateHoisted", $"destinations[{r}]");
            if (ReferenceEquals(destinations[r], ct))
            {
                throw new ArgumentException($"RotateHoisted: destinations[{r}] is the input ciphertext; hoisting reads the input for every rotation.", nameof(destinations));
            }

            gs[r] = GaloisElements.ForRotation(steps[r], _ctx.N);
            keys[r] = gs[r] == 1 ? null : GetGaloisKey(gs[r], $"RotateHoisted: no Galois key for rotation step {steps[r]} (Galois element {gs[r]} = 5^{Mod(steps[r])} mod {2 * _ctx.N})");
        }

        ApplyGalois(ct, gs, keys, destinations);
    }

    /// <summary>Returns the rotations of <paramref name="ct"/> by each step (hoisted) as new ciphertexts.</summary>
    public Ciphertext[] RotateHoistedNew(Ciphertext ct, ReadOnlySpan<int> steps)
    {
        var d = new Ciphertext[steps.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = new Ciphertext(Parameters, ct.Level);
        }

        RotateHoisted(ct, steps, d);
        return d;
    }

    private void ApplyGalois(Ciphertext ct, ulong[] gs, SwitchingKey?[] keys, IReadOnlyList<Ciphertext> destinations)
    {
        if (ct.Size != 2)
        {
            throw new ArgumentException($"Rotate: the ciphertext must have size 2 (relinearize first); got size {ct.Size}.", nameof(ct));
        }

        int level = ct.Level, n = _ctx.N, limbs = level + 1;
        double scale = ct.Scale;
        using var c0 = ScratchBuffer.Rent(limbs * n);
        ct.Poly(0).Data[..(limbs * n)].CopyTo(c0.Span); // the input may alias a destination
        using var d0 = ScratchBuffer.Rent(limbs * n);
        using var d1 = ScratchBuffer.Rent(limbs * n);
        using Decomposition digits = Decompose(ct.Poly(1), level);
        for (int r = 0; r < gs.Length; r++)
        {
            Ciphertext dst = destinations[r];
            if (keys[r] is null)
            {
                dst.Resize(level, 2);
                c0.Span.CopyTo(dst.Poly(0).Data);
                if (!ReferenceEquals(dst, ct))
                {
                    ct.Poly(1).Data.CopyTo(dst.Poly(1).Data);
                }

                dst.Scale = scale;
                continue;
            }

            int[] perm = _ctx.GaloisPermutation(gs[r]);
            KeySwitchFromDigits(digits, level, keys[r]!, perm, d0.Array, d1.Array);
            dst.Resize(level, 2);
            ulong[] c0Arr = c0.Array, d0Arr = d0.Array, d1Arr = d1.Array;
            Parallelism.For(limbs, n, i =>
            {
                Span<ulong> o0 = dst.Poly(0).Limb(i);
                Automorphism.ApplyNtt(c0Arr.AsSpan(i * n, n), o0, perm);
                RnsMath.Add(o0, d0Arr.AsSpan(i * n, n), o0, _ctx.QModuli[i].Value);
                d1Arr.AsSpan(i * n, n).CopyTo(dst.Poly(1).Limb(i));
            });

            dst.Scale = scale;
        }
    }

    private SwitchingKey GetGaloisKey(ulong g, string message)
        => _keys.Galois?.TryGet(g) ?? throw new MissingKeyException(message + (_keys.Galois is null ? "; this evaluator has no Galois keys." : $"; keys exist for Galois elements [{string.Join(", ", _keys.Galois.GaloisElements.Order())}]."));

    private int Mod(int step)
    {
        int slots = _ctx.N / 2;
        return ((step % slots) + slots) % slots;
    }
}
