using HEPrune.Core.Data.Splitting;

namespace HEPrune.Core.Tests.Data;

public class TorchRandomTests
{
    [Fact]
    public void Mt19937_matches_the_reference_outputs()
    {
        // C++11 [rand.predef]: the 10000th output of a default-constructed std::mt19937 is 4123659995.
        var def = new Mt19937();
        uint v = 0;
        for (int i = 0; i < 10000; i++)
        {
            v = def.NextUInt32();
        }

        Assert.Equal(4123659995u, v);

        // Seed 0: first outputs of std::mt19937(0) / numpy RandomState(0).randint(2**32) stream.
        var g = new Mt19937(0);
        Assert.Equal(2357136044u, g.NextUInt32());
        Assert.Equal(2546248239u, g.NextUInt32());
        Assert.Equal(3071714933u, g.NextUInt32());
    }

    [Fact]
    public void RandPerm_reproduces_the_published_torch_prefixes()
    {
        int[] p60 = TorchRandom.RandPerm(60_000, 0);
        Assert.Equal([36044, 10678, 57327, 55074, 21567, 15479, 9481, 43095, 26145, 7479], p60[..10]);
        int[] p50 = TorchRandom.RandPerm(50_000, 0);
        Assert.Equal([36044, 49165, 37807, 11341, 6091, 16904, 36293, 28026, 24681, 17849], p50[..10]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    [InlineData(60_000)]
    public void RandPerm_is_a_permutation_and_reproducible(int n)
    {
        int[] p = TorchRandom.RandPerm(n, 0);
        Assert.Equal(p, TorchRandom.RandPerm(n, 0));
        var seen = new bool[n];
        foreach (int x in p)
        {
            Assert.False(seen[x]);
            seen[x] = true;
        }

        if (n > 2)
        {
            Assert.NotEqual(p, TorchRandom.RandPerm(n, 1));
        }
    }

    [Fact]
    public void Split_lengths_follow_random_split()
    {
        Assert.Equal([52_500, 7_500], TorchRandom.SplitLengths(60_000, [0.875, 0.125]));
        Assert.Equal([43_750, 6_250], TorchRandom.SplitLengths(50_000, [0.875, 0.125]));
        Assert.Equal([35_000, 5_000], TorchRandom.SplitLengths(40_000, [0.875, 0.125]));
        // floor gives 3 + 3 + 3 = 9 of 10; the leftover goes to the first part.
        Assert.Equal([4, 3, 3], TorchRandom.SplitLengths(10, [1 / 3.0, 1 / 3.0, 1 / 3.0]));
        Assert.Throws<ArgumentException>(() => TorchRandom.SplitLengths(10, [0.5, 0.6]));
    }

    [Fact]
    public void Random_split_takes_consecutive_runs_of_the_permutation()
    {
        int[][] parts = TorchRandom.RandomSplit(60_000, [0.875, 0.125], 0);
        int[] perm = TorchRandom.RandPerm(60_000, 0);
        Assert.Equal(perm[..52_500], parts[0]);
        Assert.Equal(perm[52_500..], parts[1]);
    }
}
