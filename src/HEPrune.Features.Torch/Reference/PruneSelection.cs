namespace HEPrune.Features.Torch.Reference;

/// <summary>Torch-free selection rules of dynamic pruning (HEPrune's DeepCore scripts), shared by the reference trainer.</summary>
public static class PruneSelection
{
    /// <summary>Number of samples kept: round(N·keep), at least 1.</summary>
    public static int KeptCount(int n, double keep) => Math.Max(1, Math.Min(n, (int)Math.Round(n * keep, MidpointRounding.AwayFromZero)));

    /// <summary>A uniformly random subset of <see cref="KeptCount"/> indices, sorted ascending.</summary>
    public static int[] RandomSubset(int n, double keep, Random rng)
    {
        int k = KeptCount(n, keep);
        var perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        rng.Shuffle(perm);
        var subset = perm[..k];
        Array.Sort(subset);
        return subset;
    }

    /// <summary>
    /// Sorts by score descending (ties by index), skips the top round(N·window) and keeps the next round(N·keep)
    /// (fewer if the window leaves too few). Returned indices are sorted ascending.
    /// </summary>
    public static int[] TopWithWindow(ReadOnlySpan<float> scores, double keep, double window)
    {
        int n = scores.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var s = scores.ToArray();
        Array.Sort(order, (a, b) => s[b] != s[a] ? s[b].CompareTo(s[a]) : a.CompareTo(b));
        int skip = (int)Math.Round(n * window, MidpointRounding.AwayFromZero);
        int k = Math.Min(KeptCount(n, keep), n - skip);
        if (k < 1) { skip = Math.Max(0, n - 1); k = 1; }
        var kept = order.AsSpan(skip, k).ToArray();
        Array.Sort(kept);
        return kept;
    }

    /// <summary>Error scores of softmax outputs <paramref name="probs"/> (rows × classes) against the labels.</summary>
    public static float[] Scores(ReadOnlySpan<float> probs, ReadOnlySpan<int> labels, int classes, ErrorScore kind)
    {
        var scores = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            double acc = 0;
            var row = probs.Slice(i * classes, classes);
            for (int j = 0; j < classes; j++)
            {
                double d = row[j] - (j == labels[i] ? 1.0 : 0.0);
                acc += kind == ErrorScore.L2 ? d * d : Math.Abs(d);
            }
            scores[i] = (float)(kind == ErrorScore.L2 ? Math.Sqrt(acc) : acc);
        }
        return scores;
    }
}
