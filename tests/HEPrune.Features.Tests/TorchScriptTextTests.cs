using System.Text.Json;
using System.Text.Json.Nodes;
using HEPrune.Core.Data;
using HEPrune.Core.Features;
using HEPrune.Features.Torch.Pipeline;
using HEPrune.Features.Torch.TorchScript;

namespace HEPrune.Features.Tests;

/// <summary>
/// The TorchScript text path on a tiny traced encoder written by PyTorch (tools/features/make_torchscript_text_fixture.py):
/// C# tokenisation + module vs. the same masked mean computed here in float64 from the stored weights and the Hugging Face
/// reference ids, vs. PyTorch's own output, and the errors for a missing/corrupt sidecar or a module with the wrong signature.
/// </summary>
public sealed class TorchScriptTextTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "heprune-tstext-" + Guid.NewGuid().ToString("N"));

    public TorchScriptTextTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Reference() =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("tiny_text_reference.json"))).RootElement.Clone();

    private static double[][] Matrix(JsonElement e) =>
        e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    /// <summary>mean over the ids of tanh(W · emb[id] + b), in float64.</summary>
    private static double[] Expected(JsonElement r, int[] ids)
    {
        var emb = Matrix(r.GetProperty("embedding"));
        var w = Matrix(r.GetProperty("proj_weight"));
        var b = r.GetProperty("proj_bias").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var acc = new double[b.Length];
        foreach (int id in ids)
            for (int o = 0; o < b.Length; o++)
            {
                double z = b[o];
                for (int k = 0; k < emb[id].Length; k++) z += w[o][k] * emb[id][k];
                acc[o] += Math.Tanh(z);
            }
        return acc.Select(v => v / ids.Length).ToArray();
    }

    [Fact]
    public void FeaturesMatchFloat64ReferenceAndPyTorch()
    {
        var r = Reference();
        var texts = r.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToArray();
        var ids = r.GetProperty("ids").EnumerateArray().Select(a => a.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        var torchOut = Matrix(r.GetProperty("outputs"));
        using var ex = new TorchScriptTextExtractor(TestPaths.Fixture("tiny_text.pt"), batchSize: 5);
        Assert.Equal(4, ex.Dimension);
        Assert.Equal(64, ex.WeightsHash.Length);
        Assert.Equal(4, ex.Sidecar.Checks.Count);
        var got = new float[texts.Length * 4];
        ex.Extract(texts, 0, texts.Length, got);
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(ids[i], ex.Sidecar.Tokenizer.Encode(texts[i]));
            var want = Expected(r, ids[i]);
            for (int j = 0; j < 4; j++)
            {
                Assert.True(Math.Abs(want[j] - got[i * 4 + j]) <= 1e-6, $"text {i} dim {j}: {got[i * 4 + j]} vs float64 {want[j]}");
                Assert.True(Math.Abs(torchOut[i][j] - got[i * 4 + j]) <= 1e-6, $"text {i} dim {j}: {got[i * 4 + j]} vs PyTorch {torchOut[i][j]}");
            }
        }
        // Padding is masked out: one text alone gives the same vector as inside a batch of longer texts.
        var alone = new float[4];
        ex.Extract(texts, 2, 1, alone);
        for (int j = 0; j < 4; j++) Assert.Equal(got[2 * 4 + j], alone[j], 6);
    }

    private string CopyModule(string name, string? sidecarJson)
    {
        string pt = Path.Combine(_dir, name + ".pt");
        File.Copy(TestPaths.Fixture("tiny_text.pt"), pt);
        if (sidecarJson is not null) File.WriteAllText(Path.Combine(_dir, name + ".tokenizer.json"), sidecarJson);
        return pt;
    }

    private static JsonObject SidecarJson() => JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("tiny_text.tokenizer.json")))!.AsObject();

    [Fact]
    public void MissingOrCorruptSidecarIsReported()
    {
        string noSidecar = CopyModule("bare", null);
        var e1 = Assert.Throws<FileNotFoundException>(() => new TorchScriptTextExtractor(noSidecar));
        Assert.Contains("bare.tokenizer.json", e1.Message);

        string corrupt = CopyModule("corrupt", "{\"format\": \"heprune-wordpiece/1\", \"vocab\": [");
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => new TorchScriptTextExtractor(corrupt)).Message);

        var wrongEmbedding = SidecarJson();
        wrongEmbedding["checks"]![1]!["embedding"]![0] = 0.75;
        string mismatched = CopyModule("mismatched", wrongEmbedding.ToJsonString());
        Assert.Contains("do not belong together", Assert.Throws<InvalidDataException>(() => new TorchScriptTextExtractor(mismatched)).Message);

        var wrongIds = SidecarJson();
        wrongIds["checks"]![0]!["input_ids"]![1] = 7;
        string badIds = CopyModule("badids", wrongIds.ToJsonString());
        Assert.Contains("checks[0]", Assert.Throws<InvalidDataException>(() => new TorchScriptTextExtractor(badIds)).Message);
    }

    [Fact]
    public void ImageModuleIsRejectedAsTextModule()
    {
        string pt = Path.Combine(_dir, "vit.pt");
        File.Copy(TestPaths.Fixture("tiny_vit_like.pt"), pt);
        File.Copy(TestPaths.Fixture("tiny_text.tokenizer.json"), Path.Combine(_dir, "vit.tokenizer.json"));
        var e = Assert.Throws<InvalidDataException>(() => new TorchScriptTextExtractor(pt));
        Assert.Contains("forward(input_ids, attention_mask)", e.Message);
    }

    [Fact]
    public void HashCoversModuleAndSidecar()
    {
        var other = SidecarJson();
        other["source"] = "same tokenizer, other file bytes";
        using var a = new TorchScriptTextExtractor(TestPaths.Fixture("tiny_text.pt"));
        using var b = new TorchScriptTextExtractor(CopyModule("other", other.ToJsonString()));
        Assert.NotEqual(a.WeightsHash, b.WeightsHash);
        Assert.Equal(a.Preprocessing, b.Preprocessing);
        Assert.Contains("maxlen=512", a.Preprocessing);
    }

    [Fact]
    public void PipelineSelectsTheTextExtractorForSnips()
    {
        var options = new ExtractorOptions { Extractor = "torchscript", TorchScriptPath = TestPaths.Fixture("tiny_text.pt"), Batch = 3 }.Resolve(DatasetId.Snips);
        Assert.True(options.Text);
        using var ex = FeaturePipeline.Create(options);
        var text = Assert.IsType<TorchScriptTextExtractor>(ex);
        var texts = new[] { "play some jazz", "book a table at the cafe", "hello world", "", "what is the weather in paris" };
        var split = new DataSplit("train", new[] { 0, 1, 2, 0, 1 }, null, texts, new[] { 0, 1, 2, 3, 4 });
        var buf = new float[texts.Length * 4];
        FeaturePipeline.SourceFor(ex, split, 2)(0, texts.Length, buf);
        var direct = new float[texts.Length * 4];
        text.Extract(texts, 0, texts.Length, direct);
        for (int i = 0; i < buf.Length; i++) Assert.Equal(direct[i], buf[i], 6);
        Assert.False(new ExtractorOptions { Extractor = "torchscript" }.Resolve(DatasetId.Cifar10).Text);
    }
}
