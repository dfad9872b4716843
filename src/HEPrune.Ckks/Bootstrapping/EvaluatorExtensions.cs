using HEPrune.Ckks.Scheme;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>Small evaluator conveniences used by bootstrapping.</summary>
internal static class EvaluatorExtensions
{
    /// <summary>Returns a copy of ct at level 0.</summary>
    public static Ciphertext DropToLevel0(this Evaluator ev, Ciphertext ct)
    {
        var d = new Ciphertext(ct.Parameters, 0);
        ev.DropToLevel(ct, 0, d);
        return d;
    }
}
