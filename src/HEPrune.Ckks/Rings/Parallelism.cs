namespace HEPrune.Ckks.Rings;

/// <summary>Controls how many threads the library uses across RNS limbs (process-wide; default: all cores).</summary>
public static class Parallelism
{
    private static int s_maxDegree = Environment.ProcessorCount;

    /// <summary>Maximum number of threads used for one operation across limbs; 1 makes every operation single-threaded.</summary>
    /// <exception cref="ArgumentOutOfRangeException">If set below 1.</exception>
    public static int MaxDegree
    {
        get => s_maxDegree;
        set => s_maxDegree = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Parallelism.MaxDegree must be ≥ 1.");
    }

    /// <summary>Runs <paramref name="body"/> for i in [0, count), in parallel when worthwhile (enough limbs of large degree).</summary>
    internal static void For(int count, int n, Action<int> body)
    {
        int degree = s_maxDegree;
        if (degree <= 1 || count <= 1 || (long)count * n < 16384)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = degree }, body);
    }
}
