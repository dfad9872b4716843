using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Pruning.Sorting;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Pruning;

public class BitonicSorterTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(16, 1, 0.05)]   // well-separated values: ranks are exact
    [InlineData(32, 2, 0.0)]    // random values, two ciphertexts (cross-ciphertext stages)
    [InlineData(8, 4, 0.0)]
    [InlineData(16, 3, 0.0)]    // three inputs padded to four ciphertexts with zeros
    public void SortsLikePlaintextWithinTheApproximationErrorAndCountsMatchTheFormula(int slots, int cts, double spacing)
    {
        var backend = EmulatedBackend.Create(HeParameters.Create(slots, 12), bootstrapMinLevel: 0);
        var rng = new Random(slots * 10 + cts);
        int n = slots * cts;
        var values = new double[n];
        if (spacing > 0)
        {
            var perm = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
            for (int i = 0; i < n; i++) values[i] = 0.05 + spacing * perm[i];
        }
        else
        {
            for (int i = 0; i < n; i++) values[i] = 0.9 * rng.NextDouble();
        }
        var input = new List<HeCiphertext>();
        for (int c = 0; c < cts; c++) input.Add(backend.Client.Encrypt(new SlotVector(values[(c * slots)..((c + 1) * slots)]), 12));

        var before = backend.Evaluator.Counter.Snapshot();
        var sorted = BitonicSorter.SortDescending(backend.Evaluator, input);
        var used = backend.Evaluator.Counter.Since(before);

        int padded = 1 << (int)Math.Ceiling(Math.Log2(cts));
        var all = sorted.SelectMany(s => backend.Client.Decrypt(s).Real).ToArray();
        var exact = values.Concat(new double[(padded - cts) * slots]).OrderByDescending(v => v).ToArray();
        Assert.Equal(exact.Length, all.Length);
        var cost = BitonicSorter.Cost(cts, slots, 12, 12, 0);
        double worst = exact.Zip(all, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"n={exact.Length} stages={cost.Stages}: max |HE sort − sort| = {worst:G3}; {cost}");
        Assert.True(worst <= cost.Stages * 0.0077 / 2, $"worst {worst}");
        // Separated values: every output is closer to its exact rank's value than to any other, so the order is exact.
        if (spacing > 0) Assert.True(worst < spacing / 2, $"separated values must keep their ranks, worst {worst}");

        Assert.Equal(cost.Mult, used[OpKind.Mult]);
        Assert.Equal(cost.CMult, used[OpKind.CMult]);
        Assert.Equal(cost.Const, used[OpKind.Const]);
        Assert.Equal(cost.Rot, used[OpKind.Rot]);
        Assert.Equal(cost.Refresh, used[OpKind.Refresh]);
        int m = (int)Math.Log2(exact.Length);
        Assert.Equal(m * (m + 1) / 2, cost.Stages);
    }

    [Fact]
    public void FullScaleCifar10CostIsComputedAnalytically()
    {
        // 43,750 scores compacted into 2 ciphertexts of 2^15 slots: n = 2^16, 136 stages.
        var cost = BitonicSorter.Cost(2, 32768, 2, 12, 3);
        output.WriteLine(cost.ToString());
        Assert.Equal(136, cost.Stages);
        Assert.Equal(136L * 32768, cost.Comparisons);
        // Only the j = 2^15 stage crosses ciphertexts (1 min/max); the other 135 stages run inside each ciphertext (2).
        Assert.Equal(135L * 2 + 1, cost.MinMax);
        Assert.Equal(16 * cost.MinMax, cost.Mult);
        Assert.Equal(135L * 2 * 2, cost.Rot);
        Assert.Equal(2L * 136, cost.Refresh); // every stage needs ≥ 8 + 3 levels: one bootstrap per ciphertext per stage
    }

    [Fact]
    public void CostWithoutRefresherFailsWhenLevelsRunOut()
    {
        Assert.Throws<InvalidOperationException>(() => BitonicSorter.Cost(1, 16, 12, 12, null));
        Assert.Equal(1, BitonicSorter.Cost(1, 2, 12, 12, null).Stages); // one stage of depth 9 fits in 12
    }
}
