namespace HEPrune.Core.Data.Splitting;

/// <summary>Pure C# reproductions of PyTorch's CPU <c>torch.randperm</c> and <c>torch.utils.data.random_split</c> for a seeded generator.</summary>
/// <remarks>
/// libtorch's CPU generator is MT19937 seeded with the seed. Its CPU randperm (ATen <c>randperm_cpu</c>, used for
/// n below 2^32/20) fills 0..n-1 and then, for i = 0..n-2, draws one 32-bit output r and swaps entries i and
/// i + (r mod (n - i)). Larger n take a different path in recent libtorch and are refused here.
/// </remarks>
public static class TorchRandom
{
    /// <summary>The largest n for which the reproduced (small-n) randperm path applies.</summary>
    public const long MaxRandPermN = uint.MaxValue / 20;

    /// <summary>Returns <c>torch.randperm(n, generator=torch.Generator().manual_seed(seed))</c>.</summary>
    public static int[] RandPerm(int n, ulong seed)
    {
        if (n < 0 || n >= MaxRandPermN)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"randperm is reproduced for 0 <= n < {MaxRandPermN}");
        }

        var gen = new Mt19937(seed);
        var perm = new int[n];
        for (int i = 0; i < n; i++)
        {
            perm[i] = i;
        }

        for (int i = 0; i < n - 1; i++)
        {
            int z = (int)(gen.NextUInt32() % (uint)(n - i));
            (perm[i], perm[i + z]) = (perm[i + z], perm[i]);
        }

        return perm;
    }

    /// <summary>Returns the lengths <c>random_split</c> derives from fractions: floor(f·n) each, the remainder added one by one round-robin.</summary>
    public static int[] SplitLengths(int n, ReadOnlySpan<double> fractions)
    {
        double sum = 0;
        foreach (double f in fractions)
        {
            if (f < 0 || f > 1)
            {
                throw new ArgumentException($"fraction {f} is outside [0, 1]");
            }

            sum += f;
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new ArgumentException($"fractions sum to {sum}, not 1");
        }

        var lengths = new int[fractions.Length];
        int assigned = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = (int)Math.Floor(n * fractions[i]);
            assigned += lengths[i];
        }

        for (int i = 0; i < n - assigned; i++)
        {
            lengths[i % lengths.Length]++;
        }

        return lengths;
    }

    /// <summary>Returns the index lists of <c>random_split(range(n), fractions, generator=manual_seed(seed))</c>, in order.</summary>
    public static int[][] RandomSplit(int n, ReadOnlySpan<double> fractions, ulong seed)
    {
        int[] lengths = SplitLengths(n, fractions);
        int[] perm = RandPerm(n, seed);
        var parts = new int[lengths.Length][];
        int offset = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            parts[i] = perm.AsSpan(offset, lengths[i]).ToArray();
            offset += lengths[i];
        }

        return parts;
    }
}
