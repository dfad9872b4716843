using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <content>Ciphertext multiplication, relinearization, rescaling and level dropping.</content>
public sealed partial class Evaluator
{
    /// <summary>destination = a · b without relinearization (size 3; scale = product). Works at the lower level.</summary>
    /// <exception cref="ArgumentException">If an operand is not of size 2.</exception>
    /// <exception cref="LevelExhaustedException">If the product scale does not fit the level's modulus.</exception>
    public void Multiply(Ciphertext a, Ciphertext b, Ciphertext destination)
    {
        Check(a, "Multiply", nameof(a));
        Check(b, "Multiply", nameof(b));
        Check(destination, "Multiply", nameof(destination));
        if (a.Size != 2 || b.Size != 2)
        {
            throw new ArgumentException($"Multiply: operands must have size 2 (relinearize first); got sizes {a.Size} and {b.Size}.");
        }

        int level = Math.Min(a.Level, b.Level);
        double scale = a.Scale * b.Scale;
        CheckScaleFits(scale, level, "Multiply");
        RnsPoly a0 = a.Poly(0), a1 = a.Poly(1), b0 = b.Poly(0), b1 = b.Poly(1);
        destination.Resize(level, 3);
        RnsPoly d0 = destination.Poly(0), d1 = destination.Poly(1), d2 = destination.Poly(2);
        SimdPath path = Simd.Active;
        Parallelism.For(level + 1, _ctx.N, i =>
            RnsMath.Tensor(a0.Limb(i), a1.Limb(i), b0.Limb(i), b1.Limb(i), d0.Limb(i), d1.Limb(i), d2.Limb(i), _ctx.QModuli[i], path));
        destination.Scale = scale;
    }

    /// <summary>Returns a · b (size 3) in a new ciphertext.</summary>
    public Ciphertext MultiplyNew(Ciphertext a, Ciphertext b)
    {
        var d = new Ciphertext(Parameters, Math.Min(a.Level, b.Level));
        Multiply(a, b, d);
        return d;
    }

    /// <summary>destination = relinearized ct (size 3 → 2) by hybrid key switching with the relinearization key.</summary>
    /// <exception cref="MissingKeyException">If the evaluator has no relinearization key.</exception>
    public void Relinearize(Ciphertext ct, Ciphertext destination)
    {
        Check(ct, "Relinearize", nameof(ct));
        Check(destination, "Relinearize", nameof(destination));
        if (ct.Size == 2)
        {
            destination.CopyFrom(ct);
            return;
        }

        SwitchingKey key = _keys.Relinearization?.Key
            ?? throw new MissingKeyException("Relinearize: this evaluator has no relinearization key; create one with KeyGenerator.CreateRelinearizationKey().");
        int level = ct.Level, n = _ctx.N;
        double scale = ct.Scale;
        using var d0 = ScratchBuffer.Rent((level + 1) * n);
        using var d1 = ScratchBuffer.Rent((level + 1) * n);
        using (var digits = Decompose(ct.Poly(2), level))
        {
            KeySwitchFromDigits(digits, level, key, null, d0.Array, d1.Array);
        }

        destination.Resize(level, 3);
        ulong[] d0Arr = d0.Array, d1Arr = d1.Array;
        Parallelism.For(level + 1, n, i =>
        {
            ulong q = _ctx.QModuli[i].Value;
            RnsMath.Add(ct.Poly(0).Limb(i), d0Arr.AsSpan(i * n, n), destination.Poly(0).Limb(i), q);
            RnsMath.Add(ct.Poly(1).Limb(i), d1Arr.AsSpan(i * n, n), destination.Poly(1).Limb(i), q);
        });

        destination.Resize(level, 2);
        destination.Scale = scale;
    }

    /// <summary>destination = relinearize(a · b).</summary>
    public void MultiplyRelin(Ciphertext a, Ciphertext b, Ciphertext destination)
    {
        Multiply(a, b, destination);
        Relinearize(destination, destination);
    }

    /// <summary>Returns relinearize(a · b) in a new ciphertext.</summary>
    public Ciphertext MultiplyRelinNew(Ciphertext a, Ciphertext b)
    {
        var d = new Ciphertext(Parameters, Math.Min(a.Level, b.Level));
        MultiplyRelin(a, b, d);
        return d;
    }

    /// <summary>destination = rescale(relinearize(a · b)): the usual ciphertext product, consuming one level.</summary>
    public void MultiplyRelinRescale(Ciphertext a, Ciphertext b, Ciphertext destination)
    {
        MultiplyRelin(a, b, destination);
        Rescale(destination, destination);
    }

    /// <summary>Returns rescale(relinearize(a · b)) in a new ciphertext.</summary>
    public Ciphertext MultiplyRelinRescaleNew(Ciphertext a, Ciphertext b)
    {
        var d = new Ciphertext(Parameters, Math.Min(a.Level, b.Level));
        MultiplyRelinRescale(a, b, d);
        return d;
    }

    /// <summary>destination = round(ct / q_l): divides the message scale by the last prime q_l and drops one level.</summary>
    /// <exception cref="LevelExhaustedException">If ct is at level 0 (no prime left: the multiplicative budget is exhausted).</exception>
    public void Rescale(Ciphertext ct, Ciphertext destination)
    {
        Check(ct, "Rescale", nameof(ct));
        Check(destination, "Rescale", nameof(destination));
        int level = ct.Level, size = ct.Size, n = _ctx.N;
        if (level == 0)
        {
            throw new LevelExhaustedException("Rescale: the ciphertext is at level 0; no prime is left to divide by (the multiplicative depth of these parameters is exhausted).");
        }

        double scale = ct.Scale / _ctx.QModuli[level].Value;
        Modulus ql = _ctx.QModuli[level];
        using var last = ScratchBuffer.Rent(size * n);
        ulong[] lastArr = last.Array;
        for (int k = 0; k < size; k++)
        {
            ct.Poly(k).Limb(level).CopyTo(last.Limb(k, n));
        }

        Parallelism.For(size, n * 4, k => Ntt.Inverse(lastArr.AsSpan(k * n, n), _ctx.QpTables[level]));
        destination.Resize(level, size);
        ulong[] inv = _ctx.RescaleInv[level], invS = _ctx.RescaleInvShoup[level];
        SimdPath path = Simd.Active;
        Parallelism.For(level * size, n, t =>
        {
            int k = t / level, i = t % level;
            Modulus qi = _ctx.QModuli[i];
            ulong q = qi.Value;
            using var tmp = ScratchBuffer.Rent(n);
            Span<ulong> y = tmp.Span;

            // centred last residue mod q_i (lazy, in [0, 2q_i)) → lazy NTT (in [0, 4q_i)) → (c − y)·q_l^−1, fully reduced in the same pass
            RnsMath.CenteredLift(lastArr.AsSpan(k * n, n), ql.Value, qi, _ctx.RescaleQlModQi[level][i], y, path);
            Ntt.Forward(y, _ctx.QpTables[i], path, lazy: true);
            RnsMath.SubMulShoup(ct.Poly(k).Limb(i), y, 4 * q, inv[i], invS[i], destination.Poly(k).Limb(i), q, path);
        });
        destination.Resize(level - 1, size);
        destination.Scale = scale;
    }

    /// <summary>Returns rescale(ct) in a new ciphertext.</summary>
    public Ciphertext RescaleNew(Ciphertext ct)
    {
        var d = new Ciphertext(Parameters, Math.Max(ct.Level - 1, 0));
        Rescale(ct, d);
        return d;
    }

    /// <summary>destination = ct reduced to <paramref name="targetLevel"/> (drops primes; exact, keeps the scale).</summary>
    /// <exception cref="ArgumentOutOfRangeException">If the target level is negative or above the ciphertext's level.</exception>
    public void DropToLevel(Ciphertext ct, int targetLevel, Ciphertext destination)
    {
        Check(ct, "DropToLevel", nameof(ct));
        Check(destination, "DropToLevel", nameof(destination));
        if (targetLevel < 0 || targetLevel > ct.Level)
        {
            throw new ArgumentOutOfRangeException(nameof(targetLevel), targetLevel, $"DropToLevel: target level must be in [0, {ct.Level}] (the ciphertext's level).");
        }

        if (ReferenceEquals(ct, destination))
        {
            destination.Resize(targetLevel, ct.Size);
            return;
        }

        destination.Resize(targetLevel, ct.Size);
        for (int k = 0; k < ct.Size; k++)
        {
            ct.Poly(k).Data[..((targetLevel + 1) * _ctx.N)].CopyTo(destination.Poly(k).Data);
        }

        destination.Scale = ct.Scale;
    }

    /// <summary>Drops <paramref name="levels"/> levels (see <see cref="DropToLevel"/>).</summary>
    public void DropLevels(Ciphertext ct, int levels, Ciphertext destination) => DropToLevel(ct, ct.Level - levels, destination);
}
