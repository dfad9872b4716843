namespace HEPrune.Ckks.Scheme;

/// <summary>One attack's estimated cost.</summary>
/// <param name="Bits">log2 of the classical cost (see <see cref="LweEstimator"/> for the cost model).</param>
/// <param name="Beta">BKZ block size that the attack needs.</param>
/// <param name="Samples">LWE samples m the attack uses.</param>
/// <param name="Dimension">Secret dimension the lattice part attacks (smaller than n when coordinates were guessed).</param>
/// <param name="GuessBits">log2 of the expected repetitions of the guessing part (0 without guessing).</param>
/// <param name="AtLeast">True when the block size hit the search limit, so the cost is a lower bound.</param>
public readonly record struct LweAttackCost(double Bits, int Beta, int Samples, int Dimension, double GuessBits, bool AtLeast);

/// <summary>
/// Estimates the classical cost of attacks on (ring-)LWE instances, to check parameter sets outside the HE standard's
/// table (<see cref="SecurityStandard"/>), e.g. the sparse ephemeral secret of bootstrapping's encapsulation key.
/// </summary>
/// <remarks>
/// <para><b>Primal uSVP</b> (Kannan embedding with Bai–Galbraith rescaling of the secret coordinates by σ_e/σ_s), success
/// condition of Alkim–Ducas–Pöppelmann–Schwabe (2016): σ_e·√β ≤ δ_β^(2β−d)·Vol^(1/d) with d = n + m + 1, δ_β the BKZ root
/// Hermite factor, and cost 0.292·β + 16.4 + log2(8d) bits (BKZ with a sieving SVP oracle, 8d SVP calls), the model of the
/// lattice estimator that produced the HE standard's tables. Checked in the tests: it puts the standard's 128-bit bounds
/// for ternary secrets (N = 2^11…2^16) at 128 ± 1 bits.</para>
/// <para><b>Drop-and-solve</b> for sparse secrets (Hamming weight h): guess that n − k chosen coordinates are zero
/// (probability C(k, h)/C(n, h)) and run the uSVP attack on the remaining dimension k; the cost is the minimum over k of
/// the lattice cost plus log2 of the expected repetitions.</para>
/// <para>Not covered: the dual attack, hybrid lattice/meet-in-the-middle attacks and algebraic attacks on the ring
/// structure. This is a cross-check, not a replacement for the lattice estimator.</para>
/// </remarks>
public static class LweEstimator
{
    private const int MinBeta = 40;

    /// <summary>Largest block size searched; a harder instance is reported with <see cref="LweAttackCost.AtLeast"/>.</summary>
    public const int MaxBeta = 4000;

    /// <summary>Cost of the primal uSVP attack.</summary>
    /// <param name="n">Secret dimension (ring degree N for RLWE).</param>
    /// <param name="logQ">log2 of the modulus.</param>
    /// <param name="sigmaError">Standard deviation of the error (3.2 in the HE standard).</param>
    /// <param name="sigmaSecret">Standard deviation of a secret coordinate (√(2/3) for uniform ternary, √(h/n) for weight h).</param>
    /// <param name="maxSamples">Largest number of LWE samples m the attacker has (N per RLWE sample).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive.</exception>
    public static LweAttackCost PrimalUsvp(int n, double logQ, double sigmaError, double sigmaSecret, int maxSamples)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "LweEstimator: the dimension must be positive.");
        if (!(logQ > 0)) throw new ArgumentOutOfRangeException(nameof(logQ), logQ, "LweEstimator: log2 q must be positive.");
        if (!(sigmaError > 0)) throw new ArgumentOutOfRangeException(nameof(sigmaError), sigmaError, "LweEstimator: σ_e must be positive.");
        if (!(sigmaSecret > 0)) throw new ArgumentOutOfRangeException(nameof(sigmaSecret), sigmaSecret, "LweEstimator: σ_s must be positive.");
        if (maxSamples < 1) throw new ArgumentOutOfRangeException(nameof(maxSamples), maxSamples, "LweEstimator: need at least one sample.");

        double lnQ = logQ * Math.Log(2);
        double lnNu = Math.Log(sigmaError / sigmaSecret);
        int step = Math.Max(1, maxSamples / 512);
        // The smallest m that succeeds with block size beta, or 0. Success is monotone in beta (a larger block size
        // reduces better), so the smallest successful beta is found by bisection.
        int Works(int beta)
        {
            double lnDelta = LnRootHermite(beta);
            double lhs = Math.Log(sigmaError) + 0.5 * Math.Log(beta);
            for (int m = step; m <= maxSamples; m += step)
            {
                int d = n + m + 1;
                if (d < beta) continue;
                double rhs = (2.0 * beta - d) * lnDelta + (m * lnQ + n * lnNu) / d;
                if (lhs <= rhs) return m;
            }
            return 0;
        }
        if (Works(MaxBeta) == 0) return new LweAttackCost(Cost(MaxBeta, n + maxSamples + 1), MaxBeta, maxSamples, n, 0, true);
        int lo = MinBeta - 1, hi = MaxBeta; // Works(lo) is treated as false, Works(hi) is true
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (Works(mid) != 0) hi = mid; else lo = mid;
        }
        int samples = Works(hi);
        return new LweAttackCost(Cost(hi, n + samples + 1), hi, samples, n, 0, false);
    }

    /// <summary>
    /// Cheapest of the primal uSVP attack, drop-and-solve and a meet-in-the-middle key search on a secret of Hamming weight <paramref name="h"/> with ±1
    /// entries, dimension <paramref name="n"/>, and <paramref name="n"/> samples (one RLWE sample).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">h is not in 1..n, or another parameter is not positive.</exception>
    public static LweAttackCost SparseTernary(int n, double logQ, int h, double sigmaError = 3.2)
    {
        if (h < 1 || h > n) throw new ArgumentOutOfRangeException(nameof(h), h, $"LweEstimator: the Hamming weight must be in 1..{n}.");
        var best = PrimalUsvp(n, logQ, sigmaError, Math.Sqrt((double)h / n), n);
        double mitm = MeetInTheMiddleBits(n, h);
        if (mitm < best.Bits) best = new LweAttackCost(mitm, 0, 0, 0, mitm, false);
        // Keep k coordinates (all h non-zeros must be among them), attack dimension k with its own sparse density.
        int kStep = Math.Max(1, n / 256);
        for (int k = Math.Max(h, kStep); k < n; k += kStep)
        {
            double guess = Log2Binomial(n, h) - Log2Binomial(k, h);
            if (guess >= best.Bits) continue; // repetitions alone cost more than the best attack so far
            var lattice = PrimalUsvp(k, logQ, sigmaError, Math.Sqrt((double)h / k), n);
            double total = lattice.Bits + guess;
            if (total < best.Bits) best = lattice with { Bits = total, GuessBits = guess };
        }
        return best;
    }

    /// <summary>
    /// log2 of the time of a meet-in-the-middle search over all ternary secrets of weight <paramref name="h"/>:
    /// half of log2(C(n, h)·2^h) (memory of the same order ignored; Odlyzko's attack splits the secret in two halves).
    /// </summary>
    public static double MeetInTheMiddleBits(int n, int h) => (Log2Binomial(n, h) + h) / 2;

    /// <summary>log2 C(n, k).</summary>
    public static double Log2Binomial(int n, int k)
    {
        if (k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"LweEstimator: C({n}, {k}) needs 0 ≤ k ≤ n.");
        double s = 0;
        for (int i = 0; i < k; i++) s += Math.Log2(n - i) - Math.Log2(i + 1);
        return s;
    }

    // ln δ_β = ln(((πβ)^(1/β)·β/(2πe))^(1/(2(β−1)))).
    private static double LnRootHermite(int beta) =>
        (Math.Log(Math.PI * beta) / beta + Math.Log(beta / (2 * Math.PI * Math.E))) / (2.0 * (beta - 1));

    private static double Cost(int beta, int d) => 0.292 * beta + 16.4 + Math.Log2(8.0 * d);
}
