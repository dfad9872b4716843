using System.Text.Json.Nodes;
using HEPrune.Features.Torch.MobileNet;
using HEPrune.Features.Torch.Native;

namespace HEPrune.Features.Tests;

/// <summary>The ELF version patch changes exactly the weak flag; the JS literal parser reads minified TF.js syntax.</summary>
public class ElfAndBundleTests
{
    [Fact]
    public void PatchSetsOnlyTheWeakFlagOfGlibcxx3432()
    {
        byte[] original = File.ReadAllBytes(TorchNative.FindOriginal());
        byte[] patched = (byte[])original.Clone();
        var first = ElfVersionPatcher.MarkVersionWeak(patched, "GLIBCXX_3.4.32");
        Assert.Equal(ElfVersionPatcher.Result.Patched, first);
        int differing = 0, at = -1;
        for (int i = 0; i < original.Length; i++)
            if (original[i] != patched[i]) { differing++; at = i; }
        Assert.Equal(1, differing);
        Assert.Equal(ElfVersionPatcher.VerFlagWeak, patched[at] ^ original[at]);
        Assert.Equal(ElfVersionPatcher.Result.AlreadyWeak, ElfVersionPatcher.MarkVersionWeak(patched, "GLIBCXX_3.4.32"));
        Assert.Equal(ElfVersionPatcher.Result.NotFound, ElfVersionPatcher.MarkVersionWeak((byte[])original.Clone(), "GLIBCXX_9.9.99"));
        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MarkVersionWeak(new byte[100], "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void ParsesMinifiedLiteral()
    {
        string js = "x=1;a.exports={modelTopology:{a:!0,b:!1,c:.5,d:-.25,e:1e-3,f:null,'g':\"h\\\"i\",k:[1,[2,3]]}}";
        var node = (JsonObject)JsLiteralParser.Parse(js, js.IndexOf('{'), "t.js")!;
        var t = (JsonObject)node["modelTopology"]!;
        Assert.True(t["a"]!.GetValue<bool>());
        Assert.False(t["b"]!.GetValue<bool>());
        Assert.Equal(0.5, t["c"]!.GetValue<double>());
        Assert.Equal(-0.25, t["d"]!.GetValue<double>());
        Assert.Equal(1e-3, t["e"]!.GetValue<double>());
        Assert.Null(t["f"]);
        Assert.Equal("h\"i", t["g"]!.GetValue<string>());
        Assert.Equal(3, t["k"]![1]![1]!.GetValue<int>());
        var e = Assert.Throws<InvalidDataException>(() => JsLiteralParser.Parse("{a:foo}", 0, "bad.js"));
        Assert.Contains("bad.js", e.Message);
    }
}
