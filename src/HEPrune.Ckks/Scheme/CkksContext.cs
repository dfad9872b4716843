using System.Collections.Concurrent;
using HEPrune.Ckks.Arithmetic;
using HEPrune.Ckks.Rings;

namespace HEPrune.Ckks.Scheme;

/// <summary>Precomputed tables for one <see cref="CkksParameters"/> set: moduli, NTT tables, rescale and key-switching constants, Galois permutations.</summary>
/// <remarks>Build it once per parameter set and share it; it is immutable (the Galois permutation cache is concurrent) and thread-safe.</remarks>
public sealed class CkksContext
{
    private readonly ConcurrentDictionary<ulong, int[]> _galoisPermutations = new();

    /// <summary>Builds all tables for <paramref name="parameters"/>.</summary>
    public CkksContext(CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        N = parameters.N;
        int lq = parameters.Q.Count, lp = parameters.P.Count;
        QModuli = [.. parameters.Q.Select(v => new Modulus(v))];
        PModuli = [.. parameters.P.Select(v => new Modulus(v))];
        QpModuli = [.. QModuli, .. PModuli];
        NttTables[] tables = new NttTables[lq + lp];
        Parallel.For(0, lq + lp, i => tables[i] = new NttTables(N, QpModuli[i]));
        QpTables = tables;

        // Rescale: q_l^{-1} mod q_i and q_l mod q_i for i < l.
        RescaleInv = new ulong[lq][];
        RescaleInvShoup = new ulong[lq][];
        RescaleQlModQi = new ulong[lq][];
        for (int l = 1; l < lq; l++)
        {
            RescaleInv[l] = new ulong[l];
            RescaleInvShoup[l] = new ulong[l];
            RescaleQlModQi[l] = new ulong[l];
            for (int i = 0; i < l; i++)
            {
                RescaleQlModQi[l][i] = QModuli[i].Reduce(QModuli[l].Value);
                RescaleInv[l][i] = QModuli[i].Inverse(QModuli[i].Reduce(QModuli[l].Value));
                RescaleInvShoup[l][i] = QModuli[i].ShoupOf(RescaleInv[l][i]);
            }
        }

        // Key switching: mod-up converters per (level, digit), mod-down converter P → Q, P^{-1} mod q_i, P mod q_i.
        int alpha = parameters.Alpha;
        ModUp = new BasisConverter[lq][];
        for (int l = 0; l < lq; l++)
        {
            int digits = DigitCount(l);
            ModUp[l] = new BasisConverter[digits];
            for (int d = 0; d < digits; d++)
            {
                int start = d * alpha, end = Math.Min(start + alpha, l + 1);
                var src = QModuli[start..end];
                var dst = QModuli[..start].Concat(QModuli[end..(l + 1)]).Concat(PModuli).ToArray();
                ModUp[l][d] = new BasisConverter(src, dst);
            }
        }

        ModDown = new BasisConverter(PModuli, QModuli);
        PInvModQ = new ulong[lq];
        PInvModQShoup = new ulong[lq];
        PModQ = new ulong[lq];
        for (int i = 0; i < lq; i++)
        {
            ulong pm = 1;
            foreach (Modulus p in PModuli)
            {
                pm = QModuli[i].Mul(pm, QModuli[i].Reduce(p.Value));
            }

            PModQ[i] = pm;
            PInvModQ[i] = QModuli[i].Inverse(pm);
            PInvModQShoup[i] = QModuli[i].ShoupOf(PInvModQ[i]);
        }

        // X^(N/2) evaluates to ±I at every NTT slot (I = ψ^(N/2), a 4th root of unity): used for complex constants.
        ImagUnit = new ulong[lq];
        for (int i = 0; i < lq; i++)
        {
            ImagUnit[i] = QModuli[i].Pow(QpTables[i].Psi, (ulong)(N / 2));
        }

        ImagPositive = new bool[N];
        int logN = parameters.LogN;
        for (int j = 0; j < N; j++)
        {
            ImagPositive[j] = ((2 * UInt64Math.BitReverse(j, logN) + 1) & 3) == 1;
        }

        // Garner (mixed-radix CRT) constants for decoding: q_i^{-1} mod q_j for i < j.
        GarnerInv = new ulong[lq][];
        for (int j = 0; j < lq; j++)
        {
            GarnerInv[j] = new ulong[j];
            for (int i = 0; i < j; i++)
            {
                GarnerInv[j][i] = QModuli[j].Inverse(QModuli[j].Reduce(QModuli[i].Value));
            }
        }
    }

    /// <summary>The parameter set.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>Ring degree N.</summary>
    public int N { get; }

    /// <summary>Maximum level L.</summary>
    public int MaxLevel => Parameters.MaxLevel;

    /// <summary>The data primes as moduli.</summary>
    internal Modulus[] QModuli { get; }

    /// <summary>The special primes as moduli.</summary>
    internal Modulus[] PModuli { get; }

    /// <summary>Data primes followed by special primes.</summary>
    internal Modulus[] QpModuli { get; }

    /// <summary>NTT tables for <see cref="QpModuli"/>.</summary>
    internal NttTables[] QpTables { get; }

    internal ulong[][] RescaleInv { get; }

    internal ulong[][] RescaleInvShoup { get; }

    /// <summary>q_l mod q_i for i &lt; l (the centred lift in rescaling).</summary>
    internal ulong[][] RescaleQlModQi { get; }

    internal BasisConverter[][] ModUp { get; }

    internal BasisConverter ModDown { get; }

    internal ulong[] PInvModQ { get; }

    internal ulong[] PInvModQShoup { get; }

    internal ulong[] PModQ { get; }

    internal ulong[][] GarnerInv { get; }

    /// <summary>I_i = ψ_i^(N/2) mod q_i.</summary>
    internal ulong[] ImagUnit { get; }

    /// <summary>Whether X^(N/2) equals +I (else −I) at NTT slot j.</summary>
    internal bool[] ImagPositive { get; }

    /// <summary>Number of key-switching digits that intersect Q_l at level <paramref name="level"/>.</summary>
    internal int DigitCount(int level) => (level + 1 + Parameters.Alpha - 1) / Parameters.Alpha;

    /// <summary>Returns (cached) the NTT-form permutation of the automorphism X ↦ X^g.</summary>
    internal int[] GaloisPermutation(ulong galoisElement) => _galoisPermutations.GetOrAdd(galoisElement, g => Automorphism.NttPermutation(N, g));

    /// <summary>Throws <see cref="ParametersMismatchException"/> if <paramref name="other"/> is not this context's parameter set.</summary>
    internal void CheckParameters(CkksParameters other, string operation, string operand)
    {
        if (!ReferenceEquals(other, Parameters) && !other.Equals(Parameters))
        {
            throw new ParametersMismatchException($"{operation}: {operand} was created with other parameters ({other}); expected {Parameters}.");
        }
    }
}
