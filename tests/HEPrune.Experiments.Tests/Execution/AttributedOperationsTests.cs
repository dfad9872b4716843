using HEPrune.Core.Training;
using HEPrune.Experiments.Execution;

namespace HEPrune.Experiments.Tests.Execution;

public sealed class AttributedOperationsTests
{
    private static Dictionary<string, Dictionary<string, long>> Levels(params (string Kind, string Level, long Count)[] xs) =>
        xs.GroupBy(x => x.Kind).ToDictionary(g => g.Key, g => g.ToDictionary(x => x.Level, x => x.Count));

    [Fact]
    public void ComponentsAreMappedAndTheRestStaysUnattributed()
    {
        var total = Levels(("Mult", "5", 10), ("Rot", "3", 7), ("Add", "2", 4));
        var byComponent = new Dictionary<string, Dictionary<string, Dictionary<string, long>>>
        {
            ["softmax.max"] = Levels(("Mult", "5", 3)),
            ["softmax.inverse"] = Levels(("Mult", "5", 2)),   // both softmax stages → "softmax"
            ["error"] = Levels(("Rot", "3", 2)),               // error → "backward"
            ["prune.forward"] = Levels(("Rot", "3", 5)),
        };
        var ops = EncryptedRun.AttributedOperations(total, byComponent, HetalTrainer.ComponentOf, "emulated");

        Assert.Equal(5, ops.Single(o => o is { Component: "softmax", Kind: "Mult" }).Count);
        Assert.Equal(2, ops.Single(o => o is { Component: "backward", Kind: "Rot" }).Count);
        Assert.Equal(5, ops.Single(o => o is { Component: "prune.forward", Kind: "Rot" }).Count);
        Assert.Equal(5, ops.Single(o => o is { Component: null, Kind: "Mult" }).Count);
        Assert.Equal(4, ops.Single(o => o is { Component: null, Kind: "Add" }).Count);
        Assert.DoesNotContain(ops, o => o is { Component: null, Kind: "Rot" }); // fully attributed: no zero row
        // Nothing is lost or invented: the split sums to the totals per kind and level.
        Assert.Equal(21, ops.Sum(o => o.Count));
        Assert.All(ops, o => Assert.Equal("emulated", o.Source));
    }

    [Fact]
    public void ComponentsHoldingMoreThanTheTotalAreAnError()
    {
        var total = Levels(("Mult", "5", 1));
        var byComponent = new Dictionary<string, Dictionary<string, Dictionary<string, long>>> { ["forward"] = Levels(("Mult", "5", 2)) };
        var e = Assert.Throws<InvalidOperationException>(() => EncryptedRun.AttributedOperations(total, byComponent, s => s, "emulated"));
        Assert.Contains("forward", e.Message);
    }
}
