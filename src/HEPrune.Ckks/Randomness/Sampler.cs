using HEPrune.Ckks.Arithmetic;

namespace HEPrune.Ckks.Randomness;

/// <summary>Samples the distributions RLWE needs: uniform residues, ternary and fixed-Hamming-weight secrets, and a bounded discrete Gaussian.</summary>
public static class Sampler
{
    /// <summary>Standard deviation of the error distribution (HE standard).</summary>
    public const double Sigma = 3.2;

    /// <summary>Tail cut of the error distribution: |e| ≤ ⌊6σ⌋ = 19.</summary>
    public const int GaussianBound = 19;

    /// <summary>Fills <paramref name="destination"/> with uniform values in [0, q) (rejection sampling on the bit length of q, no bias).</summary>
    public static void Uniform(CsPrng prng, Modulus q, Span<ulong> destination)
    {
        ulong mask = ulong.MaxValue >> (64 - q.BitCount);
        ulong m = q.Value;
        for (int j = 0; j < destination.Length; j++)
        {
            ulong v;
            do
            {
                v = prng.NextUInt64() & mask;
            }
            while (v >= m);
            destination[j] = v;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with independent uniform values in {−1, 0, 1}.</summary>
    public static void Ternary(CsPrng prng, Span<long> destination)
    {
        Span<byte> buf = stackalloc byte[256];
        int pos = buf.Length;
        for (int j = 0; j < destination.Length; j++)
        {
            byte b;
            do
            {
                if (pos == buf.Length)
                {
                    prng.Fill(buf);
                    pos = 0;
                }

                b = buf[pos++];
            }
            while (b >= 255); // 255 = 3·85: reject to stay unbiased
            destination[j] = (b % 3) - 1;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with a vector of exactly <paramref name="hammingWeight"/> entries ±1 (uniform positions and signs), the rest 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If the weight exceeds the length.</exception>
    public static void FixedHammingWeight(CsPrng prng, int hammingWeight, Span<long> destination)
    {
        if (hammingWeight < 0 || hammingWeight > destination.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(hammingWeight), hammingWeight, $"Sampler: Hamming weight must be in [0, {destination.Length}].");
        }

        int n = destination.Length;
        var index = new int[n];
        for (int i = 0; i < n; i++)
        {
            index[i] = i;
        }

        destination.Clear();
        for (int i = 0; i < hammingWeight; i++)
        {
            int j = i + (int)prng.NextBelow((ulong)(n - i)); // partial Fisher–Yates
            (index[i], index[j]) = (index[j], index[i]);
            destination[index[i]] = (prng.NextUInt64() & 1) == 0 ? 1 : -1;
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with samples of the discrete Gaussian of parameter <see cref="Sigma"/> (probability ∝ exp(−x²/2σ²))
    /// restricted to |x| ≤ <see cref="GaussianBound"/>, in constant time.
    /// </summary>
    /// <remarks>
    /// Each sample takes one 64-bit word of the CSPRNG: 63 bits u select |x| by a full scan of the cumulative table (|x| = number of entries
    /// T_k ≤ u, each compared branch-free), the last bit the sign (applied branch-free). No branch, memory index or loop bound depends on
    /// the secret value, and no sample is rejected. The table is exact to about 2^−53 (see <see cref="GaussianTable"/>).
    /// </remarks>
    public static void Gaussian(CsPrng prng, Span<long> destination)
    {
        ReadOnlySpan<ulong> table = GaussianTable.Thresholds;
        for (int j = 0; j < destination.Length; j++)
        {
            ulong r = prng.NextUInt64();
            ulong u = r >> 1;
            long magnitude = 0;
            for (int k = 0; k < table.Length; k++)
            {
                magnitude += (long)(((table[k] - 1) - u) >> 63); // 1 exactly when u ≥ T_k (both below 2^63)
            }

            long sign = -(long)(r & 1);
            destination[j] = (magnitude ^ sign) - sign;
        }
    }
}
