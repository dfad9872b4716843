namespace HEPrune.Core.Training;

/// <summary>
/// Fixes which samples form each batch (one seeded permutation, cut into batches of B) and the seeded order in which
/// batches are visited each epoch — shared by the encrypted trainer and the float64 reference so both see the same data.
/// </summary>
public sealed class BatchPlan
{
    private readonly int _seed;

    /// <summary>Creates a plan over n samples.</summary>
    /// <param name="n">Number of samples.</param>
    /// <param name="batch">Batch size; the last batch may be smaller.</param>
    /// <param name="seed">Seed of the sample permutation and the epoch orders.</param>
    /// <param name="shuffle">False keeps samples and batches in their natural order.</param>
    public BatchPlan(int n, int batch, int seed, bool shuffle = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        _seed = seed;
        Shuffle = shuffle;
        var perm = Enumerable.Range(0, n).ToArray();
        if (shuffle) new Random(seed).Shuffle(perm);
        var list = new List<int[]>();
        for (int s = 0; s < n; s += batch) list.Add(perm[s..Math.Min(n, s + batch)]);
        Batches = list;
    }

    /// <summary>True when samples and batch orders are shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>Sample indices of each batch.</summary>
    public IReadOnlyList<int[]> Batches { get; }

    /// <summary>Returns the order in which the batches of an epoch are visited.</summary>
    public int[] EpochOrder(int epoch, int batchCount)
    {
        var order = Enumerable.Range(0, batchCount).ToArray();
        if (Shuffle) new Random(unchecked(_seed * 1_000_003 + epoch + 1)).Shuffle(order);
        return order;
    }

    /// <summary>Cuts n samples into consecutive batches of the given size (no shuffling), e.g. for validation.</summary>
    public static List<int[]> Sequential(int n, int batch)
    {
        var list = new List<int[]>();
        for (int s = 0; s < n; s += batch) list.Add(Enumerable.Range(s, Math.Min(batch, n - s)).ToArray());
        return list;
    }
}
