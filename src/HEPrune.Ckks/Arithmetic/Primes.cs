namespace HEPrune.Ckks.Arithmetic;

/// <summary>Generates NTT-friendly primes (p ≡ 1 mod 2N) and primitive roots of unity, with a deterministic Miller–Rabin test.</summary>
public static class Primes
{
    // These 12 bases make Miller–Rabin deterministic for every n < 3.3·10^24 (Sorenson & Webster 2015), hence for all 64-bit n.
    private static readonly ulong[] s_witnesses = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    /// <summary>Returns whether <paramref name="n"/> is prime (deterministic for all 64-bit values).</summary>
    public static bool IsPrime(ulong n)
    {
        if (n < 2)
        {
            return false;
        }

        foreach (ulong p in s_witnesses)
        {
            if (n % p == 0)
            {
                return n == p;
            }
        }

        ulong d = n - 1;
        int s = 0;
        while ((d & 1) == 0)
        {
            d >>= 1;
            s++;
        }

        foreach (ulong a in s_witnesses)
        {
            ulong x = PowMod(a, d, n);
            if (x == 1 || x == n - 1)
            {
                continue;
            }

            bool composite = true;
            for (int r = 1; r < s; r++)
            {
                x = (ulong)((UInt128)x * x % n);
                if (x == n - 1)
                {
                    composite = false;
                    break;
                }
            }

            if (composite)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Returns <paramref name="count"/> distinct primes p ≡ 1 (mod 2N) close to 2^<paramref name="bits"/>
    /// (alternating just below and just above 2^bits when <paramref name="nearPowerOfTwo"/> is set and room allows; otherwise the largest ones below 2^bits),
    /// skipping any prime in <paramref name="exclude"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">If bits is outside [log2(2N)+2, 61] or not enough primes exist.</exception>
    public static ulong[] GenerateNttPrimes(int bits, int count, int n, bool nearPowerOfTwo = false, IReadOnlyCollection<ulong>? exclude = null)
    {
        ulong m = 2UL * (ulong)n;
        int logM = System.Numerics.BitOperations.Log2(m);
        if (bits < logM + 2 || bits > Modulus.MaxBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"GenerateNttPrimes: bit size must be in [{logM + 2}, {Modulus.MaxBits}] for N = {n}.");
        }

        var result = new List<ulong>(count);
        ulong center = 1UL << bits;
        ulong lowBound = 1UL << (bits - 1);
        ulong down = center + 1 - m; // largest candidate ≡ 1 mod 2N below 2^bits
        ulong up = center + 1;       // smallest candidate above 2^bits (has bits+1 bits; only used when nearPowerOfTwo)
        bool preferUp = false;
        while (result.Count < count)
        {
            bool useUp = nearPowerOfTwo && preferUp && bits + 1 <= Modulus.MaxBits;
            ulong candidate;
            if (useUp)
            {
                while (!IsPrime(up) || (exclude?.Contains(up) ?? false) || result.Contains(up))
                {
                    up += m;
                }

                candidate = up;
                up += m;
            }
            else
            {
                while (down > lowBound && (!IsPrime(down) || (exclude?.Contains(down) ?? false) || result.Contains(down)))
                {
                    down -= m;
                }

                if (down <= lowBound)
                {
                    throw new ArgumentOutOfRangeException(nameof(count), count, $"GenerateNttPrimes: fewer than {count} {bits}-bit primes ≡ 1 mod {m}.");
                }

                candidate = down;
                down -= m;
            }

            result.Add(candidate);
            preferUp = !preferUp;
        }

        return [.. result];
    }

    /// <summary>Returns the smallest primitive 2N-th root of unity ψ modulo the prime q (requires q ≡ 1 mod 2N).</summary>
    /// <exception cref="ArgumentException">If q is not a prime ≡ 1 (mod 2N).</exception>
    public static ulong MinimalPrimitiveRoot(ulong q, int n)
    {
        ulong m = 2UL * (ulong)n;
        if ((q - 1) % m != 0 || !IsPrime(q))
        {
            throw new ArgumentException($"MinimalPrimitiveRoot: {q} is not a prime ≡ 1 (mod {m}).", nameof(q));
        }

        var mod = new Modulus(q);
        ulong exponent = (q - 1) / m;
        ulong root = 0;
        for (ulong x = 2; x < q; x++)
        {
            ulong c = mod.Pow(x, exponent);
            if (mod.Pow(c, (ulong)n) == q - 1)
            {
                root = c;
                break;
            }
        }

        // Every primitive 2N-th root is root^k for odd k; take the smallest for a canonical choice.
        ulong best = root, r2 = mod.Mul(root, root), cur = root;
        for (ulong k = 1; k < m; k += 2)
        {
            if (cur < best)
            {
                best = cur;
            }

            cur = mod.Mul(cur, r2);
        }

        return best;
    }

    private static ulong PowMod(ulong a, ulong e, ulong n)
    {
        ulong r = 1, b = a % n;
        while (e != 0)
        {
            if ((e & 1) != 0)
            {
                r = (ulong)((UInt128)r * b % n);
            }

            b = (ulong)((UInt128)b * b % n);
            e >>= 1;
        }

        return r;
    }
}
