using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>
/// Key switching of a level-0 ciphertext with a key that lives only modulo q_0·p_0 (one data prime, one special prime): used for the
/// switch from the dense secret s to the ephemeral sparse secret s', so that s' never appears in an RLWE sample of larger modulus.
/// </summary>
/// <remarks>
/// Key (NTT form, limb 0 mod q_0, limb 1 mod p_0): b = −a·s' + e + p_0·s, a uniform. Switching: d = c_1 lifted to q_0·p_0 (centred),
/// (u_0, u_1) = (d·b, d·a) mod q_0·p_0, then ModDown by p_0: u ↦ (u − [u]_(p_0)) / p_0 mod q_0. Added noise ≈ ‖c_1·e‖/p_0 + rounding,
/// a few bits for p_0 &gt; q_0.
/// </remarks>
internal static class LevelZeroKeySwitch
{
    /// <summary>Creates the key s → s' over {q_0, p_0} (both secrets in NTT form over Q·P, as the library stores them).</summary>
    public static SwitchingKey CreateKey(CkksContext ctx, Randomness.CsPrng prng, RnsPoly source, RnsPoly target)
    {
        int n = ctx.N, pIndex = ctx.QModuli.Length; // p_0 in the context's Q ∪ P numbering
        int[] moduli = [0, pIndex];
        var a = new RnsPoly(n, 2);
        var b = new RnsPoly(n, 2);
        long[] e = RingSampling.Error(n, prng);
        ulong p0ModQ0 = ctx.QModuli[0].Reduce(ctx.PModuli[0].Value);
        for (int limb = 0; limb < 2; limb++)
        {
            int m = moduli[limb];
            Modulus q = ctx.QpModuli[m];
            Randomness.Sampler.Uniform(prng, q, a.Limb(limb));
            Span<ulong> bi = b.Limb(limb), ai = a.Limb(limb), ti = target.Limb(m), si = source.Limb(m);
            for (int j = 0; j < n; j++)
            {
                bi[j] = q.FromSigned(e[j]);
            }

            Ntt.Forward(bi, ctx.QpTables[m]);
            for (int j = 0; j < n; j++)
            {
                bi[j] = q.Sub(bi[j], q.Mul(ai[j], ti[j]));
                if (limb == 0)
                {
                    bi[j] = q.Add(bi[j], q.Mul(p0ModQ0, si[j]));
                }
            }
        }

        Array.Clear(e);
        return new SwitchingKey(ctx.Parameters, 0, [b], [a]);
    }

    /// <summary>destination = (c_0 + KS_0(c_1), KS_1(c_1)) for a level-0 ciphertext and a key from <see cref="CreateKey"/>.</summary>
    public static void Apply(CkksContext ctx, Ciphertext ct, SwitchingKey key, Ciphertext destination)
    {
        if (ct.Level != 0 || key.B[0].LimbCount != 2)
        {
            throw new ArgumentException($"LevelZeroKeySwitch: needs a level-0 ciphertext (got level {ct.Level}) and a two-limb key (got {key.B[0].LimbCount}).");
        }

        int n = ctx.N, pIndex = ctx.QModuli.Length;
        Modulus q0 = ctx.QModuli[0], p0 = ctx.PModuli[0];
        NttTables tq = ctx.QpTables[0], tp = ctx.QpTables[pIndex];
        var dq = ct.Poly(1).Limb(0).ToArray();
        var dp = (ulong[])dq.Clone();
        Ntt.Inverse(dp, tq);
        CenteredLift(dp, q0.Value, p0);
        Ntt.Forward(dp, tp);

        ulong p0InvModQ0 = q0.Inverse(q0.Reduce(p0.Value));
        var outs = new ulong[2][];
        for (int k = 0; k < 2; k++)
        {
            RnsPoly kp = k == 0 ? key.B[0] : key.A[0];
            var uq = new ulong[n];
            var up = new ulong[n];
            Span<ulong> kq = kp.Limb(0), kpp = kp.Limb(1);
            for (int j = 0; j < n; j++)
            {
                uq[j] = q0.Mul(dq[j], kq[j]);
                up[j] = p0.Mul(dp[j], kpp[j]);
            }

            Ntt.Inverse(up, tp);
            CenteredLift(up, p0.Value, q0);
            Ntt.Forward(up, tq);
            for (int j = 0; j < n; j++)
            {
                uq[j] = q0.Mul(q0.Sub(uq[j], up[j]), p0InvModQ0);
            }

            outs[k] = uq;
        }

        double scale = ct.Scale;
        destination.Resize(0, 2);
        RnsMath.Add(ct.Poly(0).Limb(0), outs[0], destination.Poly(0).Limb(0), q0.Value);
        outs[1].CopyTo(destination.Poly(1).Limb(0));
        destination.Scale = scale;
    }

    /// <summary>Maps residues mod <paramref name="from"/> (coefficient form) to the centred representative reduced mod <paramref name="to"/>.</summary>
    private static void CenteredLift(Span<ulong> values, ulong from, Modulus to)
    {
        ulong half = from >> 1, fromModTo = to.Reduce(from);
        for (int j = 0; j < values.Length; j++)
        {
            ulong x = values[j];
            values[j] = x > half ? to.Sub(to.Reduce(x), fromModTo) : to.Reduce(x);
        }
    }
}
