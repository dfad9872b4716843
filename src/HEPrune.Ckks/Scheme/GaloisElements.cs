namespace HEPrune.Ckks.Scheme;

/// <summary>Maps slot rotations and conjugation to Galois elements g of (Z/2NZ)^* (slot j holds m(ζ^(5^j)), so rotating left by k is X ↦ X^(5^k)).</summary>
public static class GaloisElements
{
    /// <summary>Returns the Galois element 5^(k mod N/2) mod 2N of a left rotation by <paramref name="step"/> slots (negative = right).</summary>
    public static ulong ForRotation(int step, int n)
    {
        int slots = n / 2;
        long k = ((long)step % slots + slots) % slots;
        ulong m = 2UL * (ulong)n, g = 1, b = 5;
        while (k > 0)
        {
            if ((k & 1) != 0)
            {
                g = g * b % m;
            }

            b = b * b % m;
            k >>= 1;
        }

        return g;
    }

    /// <summary>Returns the Galois element 2N − 1 of complex conjugation of all slots.</summary>
    public static ulong ForConjugation(int n) => 2UL * (ulong)n - 1;
}
