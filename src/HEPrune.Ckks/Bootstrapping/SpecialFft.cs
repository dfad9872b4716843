using System.Numerics;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>
/// The "special FFT" of CKKS as a product of sparse butterfly matrices (plaintext math): with u the complex coefficient vector
/// (u_k = c_k + i·c_(k+n)), the slots are z = A·u with A[j][k] = ζ^(k·5^j), ζ = e^(iπ/(2n))·… = e^(iπ/N) for n = N/2 slots.
/// </summary>
/// <remarks>
/// A = B_(log n)·…·B_1·R, where R is the bit-reversal permutation and B_s (s = 1..log n, half-length h = 2^(s−1)) is a butterfly with
/// three nonzero diagonals (offsets 0, +h, −h): for a block of 2h rows starting at i and j &lt; h, with w_j = exp(2πi·(5^j mod 8h)/(8h)),
/// out[i+j] = in[i+j] + w_j·in[i+j+h] and out[i+j+h] = in[i+j] − w_j·in[i+j+h].
/// Bootstrapping never applies R: CoeffsToSlots applies B_1^−1·…·B_(log n)^−1 (so its slots hold the coefficients in bit-reversed order,
/// which the slot-wise EvalMod does not mind) and SlotsToCoeffs applies B_(log n)·…·B_1 to that bit-reversed vector, giving A·u.
/// For sparse packing with n' &lt; n slots the same holds with n' in place of n (the message polynomial then lives in X^(N/(2n'))).
/// </remarks>
public static class SpecialFft
{
    /// <summary>Returns butterfly stage B_s (1 ≤ s ≤ log2 n) for <paramref name="slots"/> = n slots (<paramref name="inverse"/> gives B_s^−1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">If s or the sizes are out of range.</exception>
    public static DiagonalMatrix Stage(int slots, int s, bool inverse)
    {
        CheckSlots(slots);
        int logN = System.Numerics.BitOperations.Log2((uint)slots);
        if (s < 1 || s > logN)
        {
            throw new ArgumentOutOfRangeException(nameof(s), s, $"SpecialFft.Stage: stage must be in [1, {logN}].");
        }

        int h = 1 << (s - 1), len = 2 * h, m = 4 * len;
        var b = new DiagonalMatrix(slots);
        ulong g = 1;
        var w = new Complex[h];
        for (int j = 0; j < h; j++)
        {
            double a = 2 * Math.PI * (double)(g % (ulong)m) / m;
            w[j] = new Complex(Math.Cos(a), Math.Sin(a));
            g = g * 5 % (ulong)(4 * slots * 2); // 5^j mod 8n = 4N keeps every residue mod m (m divides 8n)
        }

        for (int i = 0; i < slots; i += len)
        {
            for (int j = 0; j < h; j++)
            {
                int top = i + j, bottom = i + j + h;
                if (!inverse)
                {
                    b.Set(top, 0, Complex.One);
                    b.Set(top, h, w[j]);
                    b.Set(bottom, -h, Complex.One);
                    b.Set(bottom, 0, -w[j]);
                }
                else
                {
                    Complex iw = 0.5 / w[j];
                    b.Set(top, 0, 0.5);
                    b.Set(top, h, 0.5);
                    b.Set(bottom, -h, iw);
                    b.Set(bottom, 0, -iw);
                }
            }
        }

        return b;
    }

    /// <summary>
    /// Returns the merged factors of CoeffsToSlots (forward = false) or SlotsToCoeffs (forward = true) in the order they are applied,
    /// grouping the log2 n butterflies into <paramref name="levels"/> matrices as evenly as possible.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If levels is not in [1, log2 n].</exception>
    public static DiagonalMatrix[] Factors(int slots, int levels, bool forward)
    {
        CheckSlots(slots);
        int logN = System.Numerics.BitOperations.Log2((uint)slots);
        if (levels < 1 || levels > logN)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, $"SpecialFft.Factors: levels must be in [1, log2 slots = {logN}].");
        }

        // Application order: SlotsToCoeffs applies B_1 first, then B_2, …; CoeffsToSlots applies B_logN^−1 first, …, B_1^−1 last.
        var order = new int[logN];
        for (int i = 0; i < logN; i++)
        {
            order[i] = forward ? i + 1 : logN - i;
        }

        var result = new DiagonalMatrix[levels];
        int pos = 0;
        for (int g = 0; g < levels; g++)
        {
            int size = logN / levels + (g < logN % levels ? 1 : 0);
            DiagonalMatrix m = Stage(slots, order[pos++], !forward);
            for (int k = 1; k < size; k++)
            {
                m = Stage(slots, order[pos++], !forward).Multiply(m);
            }

            result[g] = m;
        }

        return result;
    }

    /// <summary>Returns z = A·u directly from the definition (O(n²) reference): z_j = Σ_k u_k·ζ^(k·5^j) with ζ = e^(iπ/(2n)).</summary>
    public static Complex[] DecodeReference(ReadOnlySpan<Complex> u)
    {
        int n = u.Length;
        CheckSlots(n);
        long m = 4L * n; // order of ζ (2N for full slots)
        var z = new Complex[n];
        long g = 1;
        for (int j = 0; j < n; j++)
        {
            Complex acc = 0;
            for (int k = 0; k < n; k++)
            {
                double a = 2 * Math.PI * (k * g % m) / m;
                acc += u[k] * new Complex(Math.Cos(a), Math.Sin(a));
            }

            z[j] = acc;
            g = g * 5 % m;
        }

        return z;
    }

    /// <summary>Returns the vector with entries permuted by bit reversal of their index (an involution).</summary>
    public static Complex[] BitReverse(ReadOnlySpan<Complex> v)
    {
        int n = v.Length, logN = System.Numerics.BitOperations.Log2((uint)n);
        var r = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            r[Arithmetic.UInt64Math.BitReverse(i, logN)] = v[i];
        }

        return r;
    }

    private static void CheckSlots(int slots)
    {
        if (slots < 2 || (slots & (slots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "SpecialFft: the slot count must be a power of two ≥ 2.");
        }
    }
}
