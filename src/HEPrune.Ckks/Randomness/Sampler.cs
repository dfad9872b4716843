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

    /// <summary>Fills <paramref name="destination"/> with rounded Gaussian samples of deviation <see cref="Sigma"/>, rejected beyond <see cref="GaussianBound"/>.</summary>
    /// <remarks>Box–Muller on 53-bit uniform doubles from the CSPRNG (as Lattigo does); not constant-time.</remarks>
    public static void Gaussian(CsPrng prng, Span<long> destination)
    {
        int j = 0;
        while (j < destination.Length)
        {
            double u1 = prng.NextDouble(), u2 = prng.NextDouble();
            if (u1 <= 0)
            {
                continue;
            }

            double r = Sigma * Math.Sqrt(-2.0 * Math.Log(u1));
            double a = 2 * Math.PI * u2;
            long x = (long)Math.Round(r * Math.Cos(a));
            long y = (long)Math.Round(r * Math.Sin(a));
            if (Math.Abs(x) <= GaussianBound)
            {
                destination[j++] = x;
            }

            if (j < destination.Length && Math.Abs(y) <= GaussianBound)
            {
                destination[j++] = y;
            }
        }
    }
}
