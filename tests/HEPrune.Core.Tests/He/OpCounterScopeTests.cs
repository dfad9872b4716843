using HEPrune.Core.He;

namespace HEPrune.Core.Tests.He;

public class OpCounterScopeTests
{
    [Fact]
    public void OperationsInsideAScopeAreCountedUnderTheOutermostScope()
    {
        var c = new OpCounter();
        c.Record(OpKind.Mult, 5);                       // outside every scope
        using (c.Scope("prune.forward"))
        {
            c.Record(OpKind.Rot, 3, 4);
            using (c.Scope("softmax.max")) c.Record(OpKind.Mult, 2, 2); // nested: still prune.forward
        }
        using (c.Scope("softmax.max")) c.Record(OpKind.Mult, 2);

        Assert.Equal(4, c[OpKind.Mult]);                 // totals are unchanged by scopes
        Assert.Equal(4, c[OpKind.Rot]);
        Assert.Equal(["prune.forward", "softmax.max"], c.Components.Keys);
        Assert.Equal(4, c.Components["prune.forward"].At(OpKind.Rot, 3));
        Assert.Equal(2, c.Components["prune.forward"].At(OpKind.Mult, 2));
        Assert.Equal(1, c.Components["softmax.max"].At(OpKind.Mult, 2));
        Assert.Null(c.CurrentComponent);
    }

    [Fact]
    public void SnapshotAndSinceCarryTheComponents()
    {
        var c = new OpCounter();
        using (c.Scope("forward")) c.Record(OpKind.Mult, 7, 3);
        var before = c.Snapshot();
        using (c.Scope("forward")) c.Record(OpKind.Mult, 7, 2);
        using (c.Scope("update")) c.Record(OpKind.Add, 1);
        var section = c.Since(before);
        Assert.Equal(2, section.Components["forward"].At(OpKind.Mult, 7));
        Assert.Equal(1, section.Components["update"][OpKind.Add]);
        Assert.Equal(3, before.Components["forward"][OpKind.Mult]); // the snapshot did not move

        var merged = new OpCounter();
        merged.Merge(section);
        merged.Merge(section);
        Assert.Equal(4, merged.Components["forward"][OpKind.Mult]);
        merged.Reset();
        Assert.Empty(merged.Components);
    }

    [Fact]
    public void ClosingAnOuterScopeBeforeAnInnerOneIsAnError()
    {
        var c = new OpCounter();
        var outer = c.Scope("a");
        var inner = c.Scope("b");
        var e = Assert.Throws<InvalidOperationException>(() => outer.Dispose());
        Assert.Contains("'a'", e.Message);
        inner.Dispose();
        outer.Dispose();
        Assert.Null(c.CurrentComponent);
        Assert.Throws<ArgumentException>(() => c.Scope(""));
    }
}
