namespace HEPrune.Ckks.Scheme;

/// <summary>The Homomorphic Encryption Standard bound on log2(QP) for 128-bit classical security with a uniform ternary secret.</summary>
/// <remarks>
/// Values for N = 2^10 … 2^16: 27, 54, 109, 218, 438, 881, 1772 bits. They match OpenFHE's table
/// (src/core/lib/lattice/stdlatticeparms.cpp, entries <c>StdLatticeParm(HEStd_ternary, N, HEStd_128_classic, bits)</c>,
/// openfheorg/openfhe-development) and SEAL's <c>CoeffModulus::MaxBitCount</c> (native/src/seal/util/hestdparms.h) for N ≤ 2^15
/// (SEAL has no 2^16 entry). Source: Albrecht et al., "Homomorphic Encryption Standard" (2018), table for ternary secrets.
/// </remarks>
public static class SecurityStandard
{
    private static readonly int[] s_maxLogQP128 = [27, 54, 109, 218, 438, 881, 1772];

    /// <summary>Returns the largest log2(QP) allowed at 128-bit classical security for ring degree 2^<paramref name="logN"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If logN is outside 10..16.</exception>
    public static int MaxLogQP128(int logN)
    {
        if (logN < 10 || logN > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(logN), logN, "SecurityStandard: the table covers log N = 10..16.");
        }

        return s_maxLogQP128[logN - 10];
    }
}
