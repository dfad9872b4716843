using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Methods;
using HEPrune.Core.Pruning.Scores;
using HEPrune.Core.Pruning.Selection;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.Pruning;

public class PruningCostModelTests(ITestOutputHelper output)
{
    private static readonly string[] Kinds = ["Mult", "CMult", "Const", "Rot", "Refresh", "Drop"];

    private static Dictionary<string, long> Filter(IReadOnlyDictionary<string, long>? d) =>
        d is null ? new() : d.Where(kv => Kinds.Contains(kv.Key) && kv.Value != 0).ToDictionary(kv => kv.Key, kv => kv.Value);

    [Theory]
    [InlineData("heprune", 0)]
    [InlineData("hefs", 0)]
    [InlineData("client_aided", 0)]
    [InlineData("prune_baseline", 0)]
    [InlineData("random", 0)]
    [InlineData("heprune", 3)]
    [InlineData("client_aided", 3)]
    [InlineData("prune_baseline", 3)]
    public void ModelEqualsExecutedCountsPerComponent(string name, int floor)
    {
        var spec = PruningMethodSpec.Parse(name);
        var world = new PruningMethodTests.World(96, 7, bootstrapMinLevel: floor);
        var schedule = new PruningSchedule(0.25, 1, Seed: 4);
        var method = new PruningMethod(spec, schedule);
        var setting = new PruningCostSetting(HeParameters.Create(1024, 12), world.Data.Layout, world.Data.SamplesPerGroup, 3, 10, 0.25, 12, floor);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            method.OnEpoch(epoch, world.Context);
            var record = method.Records[epoch];
            bool scored = record.Selection == "scores";
            bool[] flat = scored && spec.Selection == SelectionKind.ClientAided
                ? world.Exchange.Client.LastSelection!.Mask
                : PruningMethod.RandomMask(96, 24, schedule.Seed, epoch);
            var model = PruningCostModel.Round(spec, setting, world.Data.SplitMask(flat), scored);
            foreach (var component in new[] { "scoring", "selection", "repacking" })
                Assert.Equal(Filter(model.Ops.GetValueOrDefault(component)), Filter(record.Ops.GetValueOrDefault(component)));
            Assert.Equal(record.Groups, model.OutputGroups);
            foreach (var (type, b) in model.Bytes) Assert.Equal(b, record.Bytes[type]);
        }
    }

    [Fact]
    public void Cifar10FullScaleRound()
    {
        // 342 groups × 5 ciphertexts, 43,750 samples, keep 10%, P delivered at level 4, bootstrap floor 3.
        var per = Enumerable.Repeat(128, 341).Append(102).ToArray();
        var layout = new SampleRowLayout(128, 256);
        var setting = new PruningCostSetting(HeParameters.PaperN16, layout, per, 5, 10, 0.1, 4, 3);
        var masks = PruningCostModel.UniformMasks(per, 128, 0.1, 1);
        foreach (var spec in new[] { PruningMethodSpec.PruneBaseline, PruningMethodSpec.ClientAided, PruningMethodSpec.Hefs, PruningMethodSpec.HePrune })
        {
            var cost = PruningCostModel.Round(spec, setting, masks);
            output.WriteLine($"{spec.Name}: groups {cost.OutputGroups}; " + string.Join("; ", cost.Ops.Select(kv => $"{kv.Key}: {string.Join(",", kv.Value.Select(x => $"{x.Key}={x.Value}"))}"))
                + "; bytes " + string.Join(",", cost.Bytes.Select(kv => $"{kv.Key}={kv.Value}")));
            if (spec.Repack == RepackKind.Cwp) Assert.Equal(35, cost.OutputGroups);
            else Assert.Equal(342, cost.OutputGroups);
        }
        var hefs = PruningCostModel.Round(PruningMethodSpec.HePrune, setting, masks);
        Assert.Equal(342L * 16, hefs.Ops["scoring"]["Mult"]);
        Assert.Equal(342L, hefs.Ops["scoring"]["Refresh"]); // P arrives at level 4 < 9 + 3
        Assert.False(hefs.Ops["selection"].ContainsKey("Refresh")); // scores at level 3 are compacted without a refresh
        Assert.Equal(2 * HeParameters.PaperN16.CiphertextBytes(0), hefs.Bytes["scores"]);
        Assert.Equal(4 + 5469, hefs.Bytes["mask"]);
    }
}
