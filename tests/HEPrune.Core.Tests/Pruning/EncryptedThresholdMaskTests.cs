using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Compaction;
using HEPrune.Core.Pruning.Sorting;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Pruning;

public class EncryptedThresholdMaskTests(ITestOutputHelper output)
{
    [Fact]
    public void BaselinePipelineMasksTheSamplesAboveTheThreshold()
    {
        const int slots = 256;
        var layout = new SampleRowLayout(16, 16);
        var backend = EmulatedBackend.Create(HeParameters.Create(slots, 12), bootstrapMinLevel: 0);
        var ev = backend.Evaluator;
        var rng = new Random(42);
        int blocks = 6, k = 30;
        var perBlock = new[] { 16, 16, 16, 16, 16, 10 };
        var scores = new List<double>();
        var scoreCts = new List<HeCiphertext>();
        var dataCts = new List<HeCiphertext>();
        for (int b = 0; b < blocks; b++)
        {
            var v = new double[slots];
            var data = new double[slots];
            for (int r = 0; r < 16; r++)
            {
                for (int c = 1; c < 16; c++) v[r * 16 + c] = 3.0; // class-sum garbage
                if (r >= perBlock[b]) continue;
                double s = 0.9 * rng.NextDouble();
                scores.Add(s);
                v[r * 16] = s;
                for (int c = 0; c < 16; c++) data[r * 16 + c] = 1 + b + 0.01 * r + 0.001 * c;
            }
            scoreCts.Add(backend.Client.Encrypt(new SlotVector(v), 12));
            dataCts.Add(backend.Client.Encrypt(new SlotVector(data), 12));
        }
        var compact = new ScoreCompactor(layout).Compact(ev, scoreCts, targetLevel: null);
        var sorted = BitonicSorter.SortDescending(ev, compact);
        var threshold = EncryptedThresholdMask.Threshold(ev, sorted, k);
        var desc = scores.OrderByDescending(x => x).ToArray();
        double exactT = (desc[k - 1] + desc[k]) / 2;
        var tDec = backend.Client.Decrypt(threshold).Real;
        Assert.All(tDec, t => Assert.True(Math.Abs(t - tDec[0]) < 1e-9)); // replicated to every slot
        double sortBound = BitonicSorter.Cost(1, slots, 12, 12, 0).Stages * 0.0077 / 2;
        Assert.True(Math.Abs(tDec[0] - exactT) <= sortBound, $"threshold {tDec[0]} vs {exactT}");

        int id = 0, decisive = 0;
        for (int b = 0; b < blocks; b++)
        {
            var mask = EncryptedThresholdMask.RowMask(ev, scoreCts[b], threshold, layout);
            var masked = EncryptedThresholdMask.Apply(ev, [dataCts[b]], mask);
            var m = backend.Client.Decrypt(mask).Real;
            var md = backend.Client.Decrypt(masked[0]).Real;
            for (int r = 0; r < perBlock[b]; r++, id++)
            {
                double margin = scores[id] - tDec[0];
                for (int c = 0; c < 16; c++)
                {
                    Assert.InRange(m[r * 16 + c], -0.01, 1.01);
                    Assert.Equal(m[r * 16], m[r * 16 + c], 12); // replicated along the row
                }
                if (Math.Abs(margin) >= 0.05)
                {
                    decisive++;
                    double want = margin > 0 ? 1 : 0;
                    Assert.True(Math.Abs(m[r * 16] - want) <= 0.0070, $"sample {id}: mask {m[r * 16]} for margin {margin}");
                    double data = 1 + b + 0.01 * r;
                    Assert.True(Math.Abs(md[r * 16] - want * data) <= 0.0070 * data + 1e-9);
                }
            }
        }
        output.WriteLine($"threshold {tDec[0]:F4} vs exact {exactT:F4}; decisive samples {decisive}/{scores.Count}");
        Assert.True(decisive > scores.Count * 0.7);
    }

    [Fact]
    public void ThresholdRejectsKOutsideTheRange()
    {
        var backend = EmulatedBackend.Create(HeParameters.Create(16, 12));
        var ct = backend.Client.Encrypt(new SlotVector(new double[16]), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => EncryptedThresholdMask.Threshold(backend.Evaluator, [ct], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EncryptedThresholdMask.Threshold(backend.Evaluator, [ct], 16));
    }
}
