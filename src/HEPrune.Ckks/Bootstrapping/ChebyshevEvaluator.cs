using System.Numerics;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>
/// Evaluates a Chebyshev series Σ c_k·T_k(x) on a ciphertext whose slots hold real x in [−1, 1], with exact output scale.
/// </summary>
/// <remarks>
/// The power basis T_1..T_d is built with T_(2m) = 2·T_m² − 1 and T_(m+n) = 2·T_m·T_n − T_(m−n) (m the largest power of two below the
/// index), so T_k sits ⌈log2 k⌉ levels below x and d − 1 ciphertext products are needed; the term T_(m−n) is first brought to the
/// product's scale by an exact-scale constant product. The final linear combination encodes each c_k at scale target·q/scale(T_k) at
/// the common level, sums, and rescales once: one more level, and the result has exactly the requested scale.
/// Depth: ⌈log2 d⌉ + 1.
/// </remarks>
internal static class ChebyshevEvaluator
{
    /// <summary>Returns the number of levels <see cref="Evaluate"/> consumes for a series of degree <paramref name="degree"/>.</summary>
    public static int Depth(int degree) => degree <= 1 ? 1 : CeilLog2(degree) + 1;

    /// <summary>Returns p(ct) at scale <paramref name="targetScale"/>, <see cref="Depth"/> levels below ct.</summary>
    public static Ciphertext Evaluate(Evaluator ev, Ciphertext x, ChebyshevSeries p, double targetScale)
    {
        int d = p.Degree;
        if (x.Level < Depth(d))
        {
            throw new LevelExhaustedException($"ChebyshevEvaluator: degree {d} needs {Depth(d)} levels but the input is at level {x.Level}.");
        }

        var t = new Ciphertext?[d + 1];
        if (d >= 1)
        {
            t[1] = x;
        }

        for (int k = 2; k <= d; k++)
        {
            int m = 1 << (CeilLog2(k) - 1), n = k - m; // m = largest power of two < k (k = m + n, 0 < n ≤ m)
            Ciphertext prod = ev.MultiplyRelinNew(t[m]!, t[n]!);
            ev.MultiplyInteger(prod, 2, prod);
            ev.Rescale(prod, prod);
            if (m == n)
            {
                ev.AddConst(prod, -1, prod);
            }
            else
            {
                var aligned = new Ciphertext(x.Parameters, t[m - n]!.Level);
                CiphertextOps.MultiplyConstToScale(ev, t[m - n]!, Complex.One, prod.Scale, aligned);
                ev.Sub(prod, aligned, prod);
            }

            t[k] = prod;
        }

        if (d == 0)
        {
            var r = ev.MultiplyConstNewLike(x, 0, targetScale);
            ev.AddConst(r, p.Coefficients[0], r);
            return r;
        }

        int common = int.MaxValue;
        for (int k = 1; k <= d; k++)
        {
            common = Math.Min(common, t[k]!.Level);
        }

        double q = ev.Context.QModuli[common].Value;
        Ciphertext? acc = null;
        var tmp = new Ciphertext(x.Parameters, common);
        var dropped = new Ciphertext(x.Parameters, common);
        for (int k = 1; k <= d; k++)
        {
            double c = p.Coefficients[k];
            if (c == 0)
            {
                continue;
            }

            ev.DropToLevel(t[k]!, common, dropped);
            ev.MultiplyConst(dropped, c, tmp, targetScale * q / dropped.Scale);
            tmp.Scale = targetScale * q;
            if (acc is null)
            {
                acc = tmp.Clone();
            }
            else
            {
                ev.Add(acc, tmp, acc);
            }
        }

        if (acc is null)
        {
            ev.DropToLevel(t[1]!, common, dropped);
            ev.MultiplyConst(dropped, 0, tmp, targetScale * q / dropped.Scale);
            acc = tmp.Clone();
        }

        ev.Rescale(acc, acc);

        acc.Scale = targetScale;
        ev.AddConst(acc, p.Coefficients[0], acc);
        return acc;
    }

    private static Ciphertext MultiplyConstNewLike(this Evaluator ev, Ciphertext x, double c, double targetScale)
    {
        var r = new Ciphertext(x.Parameters, x.Level);
        CiphertextOps.MultiplyConstToScale(ev, x, c, targetScale, r);
        return r;
    }

    private static int CeilLog2(int v) => v <= 1 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(v - 1));
}
