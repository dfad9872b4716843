using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Cwp;

namespace HEPrune.Core.Tests.Pruning;

public class CwpExecutorTests
{
    /// <summary>Distinct nonzero value of every slot of every sample row of every ciphertext.</summary>
    private static double Value(int group, int ct, int row, int col) => 0.001 * (1 + group * 5000 + row * 97 + col) + 0.3 * ct;

    internal static (HeBackend Backend, List<HeCiphertext[]> Groups, List<bool[]> Masks, int[] Occupied) Setup(
        int slots, int groups, int b, int rowSlots, int cts, int lastOccupied, double keepFraction, int seed)
    {
        var backend = EmulatedBackend.Create(HeParameters.Create(slots, 12));
        var rng = new Random(seed);
        var occupied = Enumerable.Repeat(b, groups).ToArray();
        occupied[^1] = lastOccupied;
        var data = new List<HeCiphertext[]>();
        var masks = new List<bool[]>();
        for (int g = 0; g < groups; g++)
        {
            var group = new HeCiphertext[cts];
            for (int j = 0; j < cts; j++)
            {
                var v = new double[slots];
                for (int r = 0; r < occupied[g]; r++)
                    for (int col = 0; col < rowSlots; col++) v[r * rowSlots + col] = Value(g, j, r, col);
                group[j] = backend.Client.Encrypt(new SlotVector(v), 12);
            }
            data.Add(group);
            var m = new bool[b];
            for (int r = 0; r < occupied[g]; r++) m[r] = rng.NextDouble() < keepFraction;
            masks.Add(m);
        }
        return (backend, data, masks, occupied);
    }

    public static TheoryData<bool, bool, bool> Options => new()
    {
        { false, false, false }, { true, false, false }, { false, true, false }, { false, false, true }, { true, true, true },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void DecryptedOutputsHoldEveryKeptSampleIntactExactlyOnce(bool sameRow, bool merge, bool share)
    {
        const int slots = 1024, b = 32, rowSlots = 32, cts = 3;
        var (backend, groups, masks, occupied) = Setup(slots, 12, b, rowSlots, cts, 20, 0.3, 11);
        var layout = new SampleRowLayout(b, rowSlots);
        var options = new CwpOptions(sameRow, merge, share);
        var plan = CwpPlanner.Plan(masks, options, occupied);
        var before = backend.Evaluator.Counter.Snapshot();
        var outputs = CwpExecutor.Execute(backend.Evaluator, plan, groups.Select(g => (IReadOnlyList<HeCiphertext>)g).ToList(), layout);
        var used = backend.Evaluator.Counter.Since(before);

        int kept = masks.Sum(m => m.Count(x => x));
        Assert.Equal((kept + b - 1) / b, outputs.Count);
        var seen = new HashSet<(int, int)>();
        for (int o = 0; o < outputs.Count; o++)
        {
            for (int j = 0; j < cts; j++)
            {
                Assert.Equal(11, outputs[o][j].Level);
                var dec = backend.Client.Decrypt(outputs[o][j]).Real;
                for (int r = 0; r < b; r++)
                {
                    var (sg, sr) = plan.Outputs[o].RowSources[r];
                    for (int col = 0; col < rowSlots; col++)
                    {
                        double expected = sg < 0 ? 0.0 : Value(sg, j, sr, col);
                        Assert.True(Math.Abs(dec[r * rowSlots + col] - expected) < 1e-9,
                            $"output {o} ct {j} row {r} col {col}: {dec[r * rowSlots + col]} vs {expected}");
                    }
                    if (sg >= 0 && j == 0)
                    {
                        Assert.True(masks[sg][sr], $"pruned sample ({sg},{sr}) survived");
                        Assert.True(seen.Add((sg, sr)), $"sample ({sg},{sr}) appears twice");
                    }
                }
                for (int s = b * rowSlots; s < slots; s++) Assert.Equal(0.0, dec[s], 12);
            }
        }
        Assert.Equal(kept, seen.Count);

        var cost = plan.Cost(cts);
        Assert.Equal(cost.Rot, used[OpKind.Rot]);
        Assert.Equal(cost.CMult, used[OpKind.CMult]);
        Assert.Equal(cost.Add, used[OpKind.Add]);
        Assert.Equal(0, used[OpKind.Mult]);
    }

    [Fact]
    public void InputsAreLeftUnchanged()
    {
        var (backend, groups, masks, occupied) = Setup(256, 6, 16, 16, 2, 16, 0.4, 3);
        var snapshot = groups.Select(g => g.Select(c => backend.Client.Decrypt(c).Real).ToArray()).ToArray();
        var plan = CwpPlanner.Plan(masks, CwpOptions.Optimised, occupied);
        CwpExecutor.Execute(backend.Evaluator, plan, groups.Select(g => (IReadOnlyList<HeCiphertext>)g).ToList(), new SampleRowLayout(16, 16));
        for (int g = 0; g < groups.Count; g++)
            for (int j = 0; j < 2; j++)
                Assert.Equal(snapshot[g][j], backend.Client.Decrypt(groups[g][j]).Real);
    }

    [Fact]
    public void RejectsGroupsThatDoNotMatchThePlan()
    {
        var (backend, groups, masks, occupied) = Setup(256, 4, 16, 16, 2, 16, 0.4, 3);
        var plan = CwpPlanner.Plan(masks, null, occupied);
        var list = groups.Select(g => (IReadOnlyList<HeCiphertext>)g).ToList();
        Assert.Throws<ArgumentException>(() => CwpExecutor.Execute(backend.Evaluator, plan, list.Take(3).ToList(), new SampleRowLayout(16, 16)));
        Assert.Throws<ArgumentException>(() => CwpExecutor.Execute(backend.Evaluator, plan, list, new SampleRowLayout(8, 16)));
        Assert.Throws<ArgumentException>(() => CwpExecutor.Execute(backend.Evaluator, plan, list, new SampleRowLayout(16, 32)));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void PaperScaleExecutionMatchesThePlanCost()
    {
        // spec-validation §4 at full slot count, one ciphertext per batch (the plan is identical for all C).
        const int slots = 32768, b = 128, rowSlots = 256;
        var backend = EmulatedBackend.Create(HeParameters.PaperN16);
        var rng = new Random(2024);
        var masks = new List<bool[]>();
        var groups = new List<IReadOnlyList<HeCiphertext>>();
        var occupied = new int[342];
        var ids = Enumerable.Range(0, 43750).OrderBy(_ => rng.Next()).Take(4375).ToHashSet();
        for (int g = 0; g < 342; g++)
        {
            occupied[g] = g == 341 ? 102 : b;
            var v = new double[slots];
            var m = new bool[b];
            for (int r = 0; r < occupied[g]; r++)
            {
                v[r * rowSlots] = g * b + r + 1;
                m[r] = ids.Contains(g * b + r);
            }
            masks.Add(m);
            groups.Add([backend.Client.Encrypt(new SlotVector(v), 12)]);
        }
        var plan = CwpPlanner.Plan(masks, CwpOptions.Paper, occupied);
        var before = backend.Evaluator.Counter.Snapshot();
        var outs = CwpExecutor.Execute(backend.Evaluator, plan, groups, new SampleRowLayout(b, rowSlots));
        var used = backend.Evaluator.Counter.Since(before);
        var cost = plan.Cost(1);
        Assert.Equal(35, outs.Count);
        Assert.Equal(cost.Rot, used[OpKind.Rot]);
        Assert.Equal(cost.CMult, used[OpKind.CMult]);
        var found = new List<int>();
        foreach (var o in outs)
        {
            var dec = backend.Client.Decrypt(o[0]).Real;
            for (int r = 0; r < b; r++)
                if (Math.Abs(dec[r * rowSlots]) > 0.5) found.Add((int)Math.Round(dec[r * rowSlots]) - 1);
        }
        Assert.Equal(ids.OrderBy(i => i), found.OrderBy(i => i));
    }
}
