namespace HEPrune.Ckks.Arithmetic;

/// <summary>Precomputed twiddle factors (bit-reversed powers of ψ and ψ^−1 with Shoup constants) for the negacyclic NTT of one prime.</summary>
/// <remarks>
/// The forward transform maps coefficients a(X) in natural order to evaluations in bit-reversed order:
/// out[i] = a(ψ^(2·brv(i)+1)) mod q, where ψ is <see cref="Psi"/>, a primitive 2N-th root of unity.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class NttTables
{
    /// <summary>Builds the tables for ring degree <paramref name="n"/> (a power of two ≥ 2) and an NTT-friendly prime.</summary>
    /// <exception cref="ArgumentException">If n is not a power of two or the prime is not ≡ 1 (mod 2n).</exception>
    public NttTables(int n, Modulus modulus)
    {
        if (n < 2 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException($"NttTables: ring degree must be a power of two ≥ 2, got {n}.", nameof(n));
        }

        if (modulus.BitCount > 62 - 1)
        {
            throw new ArgumentException($"NttTables: prime {modulus.Value} is too wide for lazy reduction.", nameof(modulus));
        }

        N = n;
        LogN = System.Numerics.BitOperations.Log2((uint)n);
        Modulus = modulus;
        ulong q = modulus.Value;
        Psi = Primes.MinimalPrimitiveRoot(q, n);
        ulong psiInv = modulus.Inverse(Psi);
        Roots = new ulong[n];
        RootsShoup = new ulong[n];
        InvRoots = new ulong[n];
        InvRootsShoup = new ulong[n];
        ulong pw = 1, ipw = 1;
        var powers = new ulong[n];
        var invPowers = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            powers[i] = pw;
            invPowers[i] = ipw;
            pw = modulus.Mul(pw, Psi);
            ipw = modulus.Mul(ipw, psiInv);
        }

        for (int i = 0; i < n; i++)
        {
            int r = UInt64Math.BitReverse(i, LogN);
            Roots[i] = powers[r];
            RootsShoup[i] = modulus.ShoupOf(powers[r]);
            InvRoots[i] = invPowers[r];
            InvRootsShoup[i] = modulus.ShoupOf(invPowers[r]);
        }

        NInv = modulus.Inverse((ulong)n);
        NInvShoup = modulus.ShoupOf(NInv);
        LastInvRootTimesNInv = modulus.Mul(InvRoots[1 % n], NInv);
        LastInvRootTimesNInvShoup = modulus.ShoupOf(LastInvRootTimesNInv);
    }

    /// <summary>Ring degree N.</summary>
    public int N { get; }

    /// <summary>log2 N.</summary>
    public int LogN { get; }

    /// <summary>The prime q.</summary>
    public Modulus Modulus { get; }

    /// <summary>The primitive 2N-th root of unity ψ used (the smallest one).</summary>
    public ulong Psi { get; }

    /// <summary>ψ^brv(i), i &lt; N.</summary>
    internal ulong[] Roots { get; }

    /// <summary>Shoup constants of <see cref="Roots"/>.</summary>
    internal ulong[] RootsShoup { get; }

    /// <summary>ψ^−brv(i), i &lt; N.</summary>
    internal ulong[] InvRoots { get; }

    /// <summary>Shoup constants of <see cref="InvRoots"/>.</summary>
    internal ulong[] InvRootsShoup { get; }

    /// <summary>N^−1 mod q.</summary>
    internal ulong NInv { get; }

    /// <summary>Shoup constant of <see cref="NInv"/>.</summary>
    internal ulong NInvShoup { get; }

    /// <summary>The last inverse stage's twiddle times N^−1 (the vector kernels fold the scaling into that stage).</summary>
    internal ulong LastInvRootTimesNInv { get; }

    /// <summary>Shoup constant of <see cref="LastInvRootTimesNInv"/>.</summary>
    internal ulong LastInvRootTimesNInvShoup { get; }
}
