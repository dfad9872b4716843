using HEPrune.Core.Pruning.Selection;

namespace HEPrune.Core.Tests.Pruning;

public class ClientSelectionTests
{
    /// <summary>Independent reference: full sort by (score desc, index asc), take ranks [skip, skip+k).</summary>
    private static bool[] SortReference(double[] scores, int k, int skip)
    {
        var idx = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(idx, (a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));
        var mask = new bool[scores.Length];
        for (int r = skip; r < skip + k; r++) mask[idx[r]] = true;
        return mask;
    }

    [Theory]
    [InlineData(1, 0.5, 0.0)]
    [InlineData(10, 0.1, 0.0)]
    [InlineData(1000, 0.1, 0.0)]
    [InlineData(1000, 0.37, 0.04)]
    [InlineData(4097, 0.01, 0.18)]
    [InlineData(500, 1.0, 0.0)]
    [InlineData(500, 0.0, 0.0)]
    public void MatchesFullSortOnRandomScores(int n, double keep, double window)
    {
        var rng = new Random(n * 31 + 7);
        var scores = new double[n];
        for (int i = 0; i < n; i++) scores[i] = rng.NextDouble() * 2.0;
        var res = ClientSelection.Select(scores, keep, window);
        int k = ClientSelection.KeepCount(n, keep);
        int skip = Math.Min(ClientSelection.WindowSkip(n, window), n - k);
        Assert.Equal(SortReference(scores, k, skip), res.Mask);
        Assert.Equal(k, res.Mask.Count(b => b));
        Assert.Equal(k, res.KeptCount);
    }

    [Theory]
    [InlineData(1000, 0.1, 0.0, 3)]
    [InlineData(1000, 0.25, 0.05, 2)]
    [InlineData(777, 0.5, 0.0, 1)]
    public void TieHeavyScoresKeepExactlyKBrokenByIndex(int n, double keep, double window, int distinct)
    {
        var rng = new Random(n + distinct);
        var scores = new double[n];
        for (int i = 0; i < n; i++) scores[i] = rng.Next(distinct) * 0.5;
        var res = ClientSelection.Select(scores, keep, window);
        int k = ClientSelection.KeepCount(n, keep);
        int skip = Math.Min(ClientSelection.WindowSkip(n, window), n - k);
        Assert.Equal(SortReference(scores, k, skip), res.Mask);
        Assert.Equal(k, res.Mask.Count(b => b));
    }

    [Fact]
    public void KeepCountIsCeilingWithoutFloatingPointOvershoot()
    {
        Assert.Equal(4375, ClientSelection.KeepCount(43750, 0.1));
        Assert.Equal(5250, ClientSelection.KeepCount(52500, 0.1));
        Assert.Equal(285, ClientSelection.KeepCount(2849, 0.1)); // 284.9 -> 285
        Assert.Equal(1, ClientSelection.KeepCount(3, 0.01));
        Assert.Equal(0, ClientSelection.KeepCount(100, 0.0));
    }

    [Fact]
    public void WindowSkipsTheTopSamplesAndKeepsTheNextK()
    {
        double[] scores = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
        var res = ClientSelection.Select(scores, 0.3, 0.2);
        Assert.Equal([false, false, true, true, true, false, false, false, false, false], res.Mask);
        Assert.Equal(2, res.Skipped);
        Assert.Equal(5.0, res.LowestKeptScore);
        Assert.Equal(7.0, res.HighestKeptScore);
    }

    [Fact]
    public void WindowIsClampedSoThatKSamplesRemain()
    {
        double[] scores = [5, 4, 3, 2, 1];
        var res = ClientSelection.Select(scores, 0.8, 0.6); // k = 4, skip 3 clamped to 1
        Assert.Equal([false, true, true, true, true], res.Mask);
        Assert.Equal(1, res.Skipped);
    }

    [Fact]
    public void IndexAtRankAgreesWithSort()
    {
        var rng = new Random(5);
        var scores = new double[301];
        for (int i = 0; i < scores.Length; i++) scores[i] = rng.Next(20);
        var idx = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(idx, (a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));
        foreach (int r in new[] { 0, 1, 57, 150, 300 })
            Assert.Equal(idx[r], ClientSelection.IndexAtRank(scores, r));
    }

    [Fact]
    public void RejectsNonFiniteScoresAndBadRatios()
    {
        var ex = Assert.Throws<ArgumentException>(() => ClientSelection.Select([1.0, double.NaN], 0.5));
        Assert.Contains("sample 1", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientSelection.Select([1.0], 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientSelection.Select([1.0], 0.5, -0.1));
    }
}
