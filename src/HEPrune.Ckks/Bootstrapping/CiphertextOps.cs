using System.Numerics;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>Low-level ciphertext primitives bootstrapping needs beyond the public evaluator: exact-scale constant products, ·i, modulus raising, key switching with a given key.</summary>
internal static class CiphertextOps
{
    /// <summary>
    /// destination = rescale(ct · c) with the constant encoded at scale target·q_l/ct.Scale, so the result has scale exactly
    /// <paramref name="targetScale"/> (the constant's rounding error is relative 2^−(log2 of that encoding scale)). Consumes one level.
    /// </summary>
    public static void MultiplyConstToScale(Evaluator ev, Ciphertext ct, Complex c, double targetScale, Ciphertext destination)
    {
        double q = ev.Context.QModuli[ct.Level].Value;
        ev.MultiplyConst(ct, c, destination, targetScale * q / ct.Scale);
        ev.Rescale(destination, destination);
        destination.Scale = targetScale; // equal to the computed value up to floating-point rounding of the bookkeeping
    }

    /// <summary>destination = ct · X^(N/2): multiplies every slot by i exactly (no noise, no level, same scale). Aliasing allowed.</summary>
    public static void MultiplyByI(CkksContext ctx, Ciphertext ct, Ciphertext destination, bool negate = false)
    {
        int n = ctx.N;
        if (!ReferenceEquals(ct, destination))
        {
            destination.CopyFrom(ct);
        }

        bool[] pos = ctx.ImagPositive;
        for (int k = 0; k < destination.Size; k++)
        {
            for (int i = 0; i <= destination.Level; i++)
            {
                Modulus m = ctx.QModuli[i];
                ulong iu = ctx.ImagUnit[i], q = m.Value;
                ulong plus = negate ? q - iu : iu, minus = q - plus;
                ulong ps = m.ShoupOf(plus), ms = m.ShoupOf(minus);
                Span<ulong> x = destination.Poly(k).Limb(i);
                for (int j = 0; j < n; j++)
                {
                    x[j] = pos[j] ? Modulus.MulShoup(x[j], plus, ps, q) : Modulus.MulShoup(x[j], minus, ms, q);
                }
            }
        }
    }

    /// <summary>
    /// Lifts a level-0 ciphertext (mod q_0) to <paramref name="targetLevel"/>: every coefficient of c_0 and c_1 is taken centred in
    /// (−q_0/2, q_0/2] and reduced mod q_0..q_targetLevel. The result decrypts to m + q_0·I(X) for a small integer polynomial I.
    /// </summary>
    public static Ciphertext ModRaise(CkksContext ctx, Ciphertext ct, int targetLevel)
    {
        int n = ctx.N;
        var result = new Ciphertext(ctx.Parameters, targetLevel);
        Modulus q0 = ctx.QModuli[0];
        ulong half = q0.Value >> 1;
        using var tmp = ScratchBuffer.Rent(n);
        ulong[] coeff = tmp.Array;
        for (int k = 0; k < 2; k++)
        {
            ct.Poly(k).Limb(0).CopyTo(coeff);
            Ntt.Inverse(coeff.AsSpan(0, n), ctx.QpTables[0]);
            RnsPoly dst = result.Poly(k);
            Parallelism.For(targetLevel + 1, n, i =>
            {
                Modulus qi = ctx.QModuli[i];
                Span<ulong> limb = dst.Limb(i);
                ulong q0ModQi = qi.Reduce(q0.Value);
                for (int j = 0; j < n; j++)
                {
                    ulong x = coeff[j];
                    limb[j] = x > half ? qi.Sub(qi.Reduce(x), q0ModQi) : qi.Reduce(x);
                }

                Ntt.Forward(limb, ctx.QpTables[i]);
            });
        }

        result.Scale = ct.Scale;
        return result;
    }

    /// <summary>destination = (c_0 + KS_0(c_1), KS_1(c_1)): switches a size-2 ciphertext from the key's source secret to its target secret.</summary>
    public static void SwitchKey(Evaluator ev, Ciphertext ct, SwitchingKey key, Ciphertext destination)
    {
        int level = ct.Level, n = ev.Context.N;
        using var d0 = ScratchBuffer.Rent((level + 1) * n);
        using var d1 = ScratchBuffer.Rent((level + 1) * n);
        using (var digits = ev.Decompose(ct.Poly(1), level))
        {
            ev.KeySwitchFromDigits(digits, level, key, null, d0.Array, d1.Array);
        }

        double scale = ct.Scale;
        destination.Resize(level, 2);
        ulong[] d0Arr = d0.Array, d1Arr = d1.Array;
        Parallelism.For(level + 1, n, i =>
        {
            RnsMath.Add(ct.Poly(0).Limb(i), d0Arr.AsSpan(i * n, n), destination.Poly(0).Limb(i), ev.Context.QModuli[i].Value);
            d1Arr.AsSpan(i * n, n).CopyTo(destination.Poly(1).Limb(i));
        });

        destination.Scale = scale;
    }
}
