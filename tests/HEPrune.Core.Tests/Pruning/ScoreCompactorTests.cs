using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Compaction;

namespace HEPrune.Core.Tests.Pruning;

public class ScoreCompactorTests
{
    private static (HeBackend, List<HeCiphertext>, double[], int[]) Blocks(HeParameters parameters, SampleRowLayout layout, int blocks, int lastSamples, int level)
    {
        var backend = EmulatedBackend.Create(parameters);
        var rng = new Random(blocks);
        var perBlock = Enumerable.Repeat(layout.RowsPerCiphertext, blocks).ToArray();
        perBlock[^1] = lastSamples;
        var expected = new List<double>();
        var cts = new List<HeCiphertext>();
        for (int b = 0; b < blocks; b++)
        {
            var v = new double[parameters.Slots];
            for (int r = 0; r < layout.RowsPerCiphertext; r++)
            {
                // Column 0: the score; other columns: class-sum garbage that must not leak.
                for (int c = 0; c < layout.RowSlots; c++) v[r * layout.RowSlots + c] = 5 + rng.NextDouble();
                double s = r < perBlock[b] ? rng.NextDouble() * 2 : 0;
                v[r * layout.RowSlots] = s;
                if (r < perBlock[b]) expected.Add(s);
            }
            cts.Add(backend.Client.Encrypt(new SlotVector(v), level));
        }
        return (backend, cts, expected.ToArray(), perBlock);
    }

    [Theory]
    [InlineData(40, 17)]
    [InlineData(32, 32)]
    [InlineData(1, 5)]
    [InlineData(65, 1)]
    public void CompactsAndUnpacksEveryScore(int blocks, int last)
    {
        var layout = new SampleRowLayout(32, 32);
        var (backend, cts, expected, perBlock) = Blocks(HeParameters.Create(1024, 12), layout, blocks, last, 3);
        var compactor = new ScoreCompactor(layout);
        var before = backend.Evaluator.Counter.Snapshot();
        var outs = compactor.Compact(backend.Evaluator, cts);
        var used = backend.Evaluator.Counter.Since(before);
        int expectedOutputs = (blocks + 31) / 32;
        Assert.Equal(expectedOutputs, outs.Length);
        Assert.All(outs, o => Assert.Equal(0, o.Level));
        Assert.Equal(blocks, used[OpKind.CMult]);
        Assert.Equal(blocks - expectedOutputs, used[OpKind.Rot]);
        Assert.Equal(blocks - expectedOutputs, used[OpKind.Add]);
        var dec = outs.Select(o => backend.Client.Decrypt(o).Real).ToList();
        var scores = compactor.Unpack(dec, perBlock);
        Assert.Equal(expected.Length, scores.Length);
        for (int i = 0; i < scores.Length; i++) Assert.Equal(expected[i], scores[i], 12);
        // Unused slots (padding rows and missing blocks) are exactly empty: no garbage leaked.
        int nonzero = dec.Sum(d => d.Count(v => Math.Abs(v) > 1e-12));
        Assert.True(nonzero <= expected.Length);
    }

    [Fact]
    public void Cifar10ScoresFitTwoCiphertextsOfAboutTwoToFourMegabytes()
    {
        // spec §3.4: 43,750 scores in 342 blocks of 128 × 256 → 2 ciphertexts; 1 MiB per level+1 at N = 2^16.
        var layout = new SampleRowLayout(128, 256);
        var (backend, cts, expected, perBlock) = Blocks(HeParameters.PaperN16, layout, 342, 102, 3);
        var compactor = new ScoreCompactor(layout);
        var outs = compactor.Compact(backend.Evaluator, cts, targetLevel: 0);
        Assert.Equal(2, outs.Length);
        long bytesL0 = outs.Sum(o => backend.Codec.WireBytes(o));
        Assert.Equal(2 * (2L * 65536 * 8 + HeParameters.PaperN16.HeaderBytes), bytesL0);
        long bytesL1 = 2 * HeParameters.PaperN16.CiphertextBytes(1);
        Assert.InRange(bytesL1 / 1e6, 4.0, 4.3); // the paper's "about 4 MB" at level 1; 2.1 MB at level 0
        var scores = compactor.Unpack(outs.Select(o => backend.Client.Decrypt(o).Real).ToList(), perBlock);
        Assert.Equal(43750, scores.Length);
        for (int i = 0; i < scores.Length; i++) Assert.Equal(expected[i], scores[i], 12);
    }
}
