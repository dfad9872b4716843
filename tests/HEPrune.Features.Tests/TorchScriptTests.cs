using System.Text.Json;
using HEPrune.Core.Data;
using HEPrune.Features.Torch.Images;
using HEPrune.Features.Torch.TorchScript;

namespace HEPrune.Features.Tests;

/// <summary>A TorchScript file written by PyTorch (tools/features/make_torchscript_fixture.py) runs through the C# path.</summary>
public class TorchScriptTests
{
    [Fact]
    public void ClsFeaturesMatchPyTorchReference()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("tiny_vit_like_reference.json")));
        var r = doc.RootElement;
        int size = r.GetProperty("size").GetInt32();
        var pre = new ImagePreprocessing(size, new double[] { 0.5, 0.5, 0.5 }, new double[] { 0.5, 0.5, 0.5 });
        using var ex = new TorchScriptImageExtractor(TestPaths.Fixture("tiny_vit_like.pt"), pre);
        Assert.Equal(6, ex.Dimension);
        var px = Convert.FromBase64String(r.GetProperty("pixels_hwc_base64").GetString()!);
        var got = new float[6];
        ex.Extract(ImageData.Uniform(px, 1, size, size, 3), 0, 1, got);
        var want = r.GetProperty("cls").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        for (int j = 0; j < 6; j++) Assert.True(Math.Abs(want[j] - got[j]) <= 1e-5, $"dim {j}: {got[j]} vs {want[j]}");
        Assert.Equal(64, ex.WeightsHash.Length);
    }

    [Fact]
    public void MissingFileGivesClearError()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new TorchScriptImageExtractor("/nonexistent/vit.pt", ImagePreprocessing.SymmetricRange(224)));
        Assert.Contains("/nonexistent/vit.pt", e.Message);
    }
}
