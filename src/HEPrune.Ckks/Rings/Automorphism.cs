namespace HEPrune.Ckks.Rings;

/// <summary>The ring automorphisms φ_g: a(X) ↦ a(X^g) (g odd, modulo 2N), in coefficient form and in (bit-reversed) NTT form.</summary>
public static class Automorphism
{
    /// <summary>
    /// Returns the permutation that applies φ_g to an NTT-form limb: out[i] = in[perm[i]], where NTT slot i holds a(ψ^(2·brv(i)+1)).
    /// </summary>
    /// <exception cref="ArgumentException">If g is even or N is not a power of two.</exception>
    public static int[] NttPermutation(int n, ulong g)
    {
        CheckArgs(n, g);
        int logN = System.Numerics.BitOperations.Log2((uint)n);
        ulong mask = 2UL * (ulong)n - 1;
        var perm = new int[n];
        for (int i = 0; i < n; i++)
        {
            ulong e = (ulong)(2 * Arithmetic.UInt64Math.BitReverse(i, logN) + 1);
            ulong f = (e * g) & mask; // φ_g(a)(ψ^e) = a(ψ^(e·g))
            perm[i] = Arithmetic.UInt64Math.BitReverse((int)((f - 1) >> 1), logN);
        }

        return perm;
    }

    /// <summary>Applies a permutation from <see cref="NttPermutation"/> to one NTT-form limb (out-of-place).</summary>
    public static void ApplyNtt(ReadOnlySpan<ulong> input, Span<ulong> output, ReadOnlySpan<int> perm)
    {
        if (input.Length != perm.Length || output.Length != perm.Length)
        {
            throw new ArgumentException("Automorphism.ApplyNtt: input, output and permutation lengths differ.");
        }

        for (int i = 0; i < perm.Length; i++)
        {
            output[i] = input[perm[i]];
        }
    }

    /// <summary>Applies φ_g to one coefficient-form limb modulo q (out-of-place): X^j ↦ ±X^(j·g mod N).</summary>
    public static void ApplyCoefficients(ReadOnlySpan<ulong> input, Span<ulong> output, ulong g, ulong q)
    {
        int n = input.Length;
        CheckArgs(n, g);
        if (output.Length != n)
        {
            throw new ArgumentException("Automorphism.ApplyCoefficients: output length differs from input.");
        }

        ulong mask = 2UL * (ulong)n - 1;
        for (int j = 0; j < n; j++)
        {
            ulong idx = ((ulong)j * g) & mask;
            ulong v = input[j];
            if (idx < (ulong)n)
            {
                output[(int)idx] = v;
            }
            else
            {
                output[(int)(idx - (ulong)n)] = v == 0 ? 0 : q - v;
            }
        }
    }

    private static void CheckArgs(int n, ulong g)
    {
        if (n < 2 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException($"Automorphism: N must be a power of two, got {n}.", nameof(n));
        }

        if ((g & 1) == 0)
        {
            throw new ArgumentException($"Automorphism: Galois element must be odd, got {g}.", nameof(g));
        }
    }
}
