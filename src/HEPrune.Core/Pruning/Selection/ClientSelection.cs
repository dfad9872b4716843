namespace HEPrune.Core.Pruning.Selection;

/// <summary>
/// Client-aided masking, client side: finds the samples to keep from decrypted scores in expected O(N) time with
/// QuickSelect and returns a plaintext keep-mask (HEPrune §3.2 / App. B; spec §3.4 and §3.6).
/// </summary>
/// <remarks>
/// <para>Ranking is a strict total order: higher score first, and among equal scores the lower sample index first.
/// The mask keeps the samples whose rank lies in [skip, skip + k), with k = ⌈N·keep⌉ and skip = round(N·window)
/// (clamped to N − k). Exactly k samples are therefore kept even when many scores tie; the reference code
/// (<c>cam.cpp</c>, "score ≥ k-th largest") would keep every tied sample and can exceed k.</para>
/// <para>Scores are compared as exact doubles (the reference code truncated them to <c>int</c>).</para>
/// </remarks>
public static class ClientSelection
{
    /// <summary>Tolerance subtracted before rounding N·keep up, so that e.g. 43,750 × 0.1 gives 4,375, not 4,376.</summary>
    private const double RoundingSlack = 1e-9;

    /// <summary>Returns k = ⌈N·keep⌉, the number of samples kept out of <paramref name="sampleCount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">N is negative or keep is outside [0, 1].</exception>
    public static int KeepCount(int sampleCount, double keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if (!(keep >= 0.0 && keep <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(keep), keep, "ClientSelection: keep ratio must be in [0, 1].");
        int k = (int)Math.Ceiling(sampleCount * keep - RoundingSlack);
        return Math.Clamp(k, 0, sampleCount);
    }

    /// <summary>Returns round(N·window), the number of top-ranked samples the noise window skips (before clamping).</summary>
    /// <exception cref="ArgumentOutOfRangeException">N is negative or window is outside [0, 1).</exception>
    public static int WindowSkip(int sampleCount, double window)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        if (!(window >= 0.0 && window < 1.0))
            throw new ArgumentOutOfRangeException(nameof(window), window, "ClientSelection: window ratio must be in [0, 1).");
        return (int)Math.Round(sampleCount * window, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Selects the ⌈N·keep⌉ highest-scoring samples after skipping the round(N·window) highest, returning the keep-mask.
    /// </summary>
    /// <param name="scores">One decrypted score per sample, indexed by sample id; must be finite.</param>
    /// <param name="keep">Fraction of samples kept (1 − pruning ratio p).</param>
    /// <param name="window">Noise-window fraction of top samples skipped (0 disables it).</param>
    /// <exception cref="ArgumentException">A score is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">keep or window is out of range.</exception>
    public static SelectionResult Select(ReadOnlySpan<double> scores, double keep, double window = 0.0)
    {
        int n = scores.Length;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"ClientSelection.Select: score of sample {i} is {scores[i]}, expected a finite value.", nameof(scores));
        }
        int k = KeepCount(n, keep);
        int skip = Math.Min(WindowSkip(n, window), n - k);
        var mask = new bool[n];
        if (k == 0)
            return new SelectionResult(mask, 0, skip, double.NaN, double.NaN);

        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var rng = new SplitMix(0x5EEDC0DEUL ^ (ulong)n);
        // After this, order[0 .. skip+k) holds the skip+k best samples (in some order) and order[skip+k-1] is rank skip+k-1.
        SelectRank(scores, order, 0, n - 1, skip + k - 1, ref rng);
        if (skip > 0)
            SelectRank(scores, order, 0, skip + k - 1, skip, ref rng);
        double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        for (int r = skip; r < skip + k; r++)
        {
            int id = order[r];
            mask[id] = true;
            lowest = Math.Min(lowest, scores[id]);
            highest = Math.Max(highest, scores[id]);
        }
        return new SelectionResult(mask, k, skip, lowest, highest);
    }

    /// <summary>
    /// Returns the sample index at rank <paramref name="rank"/> (0 = best) in the order "higher score first, then lower
    /// index first", in expected O(N) time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rank is outside [0, N).</exception>
    public static int IndexAtRank(ReadOnlySpan<double> scores, int rank)
    {
        if ((uint)rank >= (uint)scores.Length)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"ClientSelection.IndexAtRank: rank must be in [0, {scores.Length}).");
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var rng = new SplitMix(0x5EEDC0DEUL ^ (ulong)scores.Length);
        SelectRank(scores, order, 0, order.Length - 1, rank, ref rng);
        return order[rank];
    }

    /// <summary>True when sample a ranks before sample b (higher score, or equal score and lower index).</summary>
    private static bool Before(ReadOnlySpan<double> s, int a, int b) => s[a] > s[b] || (s[a] == s[b] && a < b);

    /// <summary>Hoare-style QuickSelect with a pseudo-random pivot; afterwards order[lo..rank) rank before order[rank] and order(rank..hi] after it.</summary>
    private static void SelectRank(ReadOnlySpan<double> s, int[] order, int lo, int hi, int rank, ref SplitMix rng)
    {
        while (lo < hi)
        {
            int pivotPos = lo + (int)(rng.Next() % (ulong)(hi - lo + 1));
            int pivot = order[pivotPos];
            (order[pivotPos], order[hi]) = (order[hi], order[pivotPos]);
            int store = lo;
            for (int i = lo; i < hi; i++)
            {
                if (Before(s, order[i], pivot))
                {
                    (order[i], order[store]) = (order[store], order[i]);
                    store++;
                }
            }
            (order[store], order[hi]) = (order[hi], order[store]);
            if (store == rank) return;
            if (rank < store) hi = store - 1;
            else lo = store + 1;
        }
    }

    /// <summary>A tiny deterministic generator for pivot choice (SplitMix64).</summary>
    private struct SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
