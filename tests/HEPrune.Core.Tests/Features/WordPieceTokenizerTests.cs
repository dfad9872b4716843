using System.Text.Json;
using System.Text.Json.Nodes;
using HEPrune.Core.Features;

namespace HEPrune.Core.Tests.Features;

/// <summary>
/// The C# WordPiece tokenizer against Hugging Face's JavaScript tokenizer configured like MPNet's
/// (Fixtures/wordpiece_reference.json, written by tools/features/make-wordpiece-fixture.mjs), plus hand-derived cases for
/// truncation, padding and the sidecar reader.
/// </summary>
public sealed class WordPieceTokenizerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "heprune-wordpiece-" + Guid.NewGuid().ToString("N"));

    public WordPieceTokenizerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Reference()
    {
        string root = RepoPaths.RepoRoot() ?? throw new InvalidOperationException("repository root not found");
        string path = Path.Combine(root, "tests", "HEPrune.Core.Tests", "Features", "Fixtures", "wordpiece_reference.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    private static List<string> Vocab(JsonElement r) => r.GetProperty("vocab").EnumerateArray().Select(v => v.GetString()!).ToList();

    private static WordPieceTokenizer Tokenizer(int maxLength = 512) => new(Vocab(Reference()), new WordPieceOptions { MaxLength = maxLength });

    public static IEnumerable<object[]> Cases() =>
        Reference().GetProperty("cases").EnumerateArray().Select((c, i) => new object[] { i }).ToList();

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesHuggingFaceReference(int index)
    {
        var c = Reference().GetProperty("cases")[index];
        string text = c.GetProperty("text").GetString()!;
        var want = c.GetProperty("ids").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal(want, Tokenizer().Encode(text));
    }

    [Fact]
    public void HandDerivedPieces()
    {
        var vocab = Vocab(Reference());
        var tok = Tokenizer();
        string[] Names(string text) => tok.Encode(text).Select(i => vocab[i]).ToArray();
        // Longest match first: "jazzz" = "jazz" + "##z", not "ja" + ...; "unaffable" = un ##aff ##able.
        Assert.Equal(new[] { "<s>", "jazz", "##z", "</s>" }, Names("JAZZZ"));
        Assert.Equal(new[] { "<s>", "un", "##aff", "##able", "</s>" }, Names("unaffable"));
        // Accents: NFD + drop marks, so "Café", "café" with a combining acute and "CAFÉ" all become "cafe".
        Assert.Equal(new[] { "<s>", "cafe", "cafe", "cafe", "</s>" }, Names("Café cafe\u0301 CAFÉ"));
        // A word whose rest cannot be matched is one [UNK], even if its start could ("playx" → [UNK], not play + ?).
        Assert.Equal(new[] { "<s>", "[UNK]", "</s>" }, Names("playx"));
        // Every punctuation character is its own word; "'" is in the vocabulary, "—" is not.
        Assert.Equal(new[] { "<s>", "don", "'", "t", "[UNK]", "!", "!", "</s>" }, Names("don't—!!"));
        // 100 code points is allowed, 101 is [UNK].
        Assert.Equal(102, Names(new string('a', 100)).Length); // <s> a, 99 × ##a, </s>
        Assert.Equal(new[] { "<s>", "[UNK]", "</s>" }, Names(new string('a', 101)));
        Assert.Equal(new[] { "<s>", "</s>" }, Names(""));
    }

    [Theory]
    // Expected strings: Python 3.11 unicodedata (Unicode 14), ''.join(c for c in normalize('NFD', s) if category(c) != 'Mn').
    [InlineData("한국어", "\u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165")]
    [InlineData("Ångström ǅ ﬁ ḯ", "Angstrom \u01c5 \ufb01 i")]
    [InlineData("Ελληνικά", "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03b1")]
    [InlineData("ế cafe\u0301", "e cafe")]
    public void StripsAccentsLikePythonNfd(string text, string expected) =>
        Assert.Equal(expected, BertBasicTokenizer.StripAccents(text));

    [Theory]
    // Expected: Python 3.11 str.lower(), which applies the final-sigma rule as Rust's to_lowercase (Hugging Face) does.
    [InlineData("ΟΔΥΣΣΕΥΣ ΣΑΣ Σ ΑΣ. Σ'Σ HELLO", "\u03bf\u03b4\u03c5\u03c3\u03c3\u03b5\u03c5\u03c2 \u03c3\u03b1\u03c2 \u03c3 \u03b1\u03c2. \u03c3'\u03c2 hello")]
    public void LowerCasesWithFinalSigma(string text, string expected) =>
        Assert.Equal(expected, BertBasicTokenizer.ToLower(text));

    [Fact]
    public void TruncationKeepsTheFirstPiecesAndTheEndToken()
    {
        var r = Reference();
        var c = r.GetProperty("cases").EnumerateArray().First(e => e.GetProperty("text").GetString()!.StartsWith("i want", StringComparison.Ordinal));
        var full = c.GetProperty("ids").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        string text = c.GetProperty("text").GetString()!;
        foreach (int max in new[] { 2, 3, 8, full.Length - 1, full.Length, full.Length + 5 })
        {
            var want = full.Take(Math.Min(max, full.Length) - 1).Append(full[^1]).ToArray();
            Assert.Equal(want, Tokenizer(max).Encode(text));
        }
        Assert.Throws<ArgumentException>(() => Tokenizer(1));
    }

    [Fact]
    public void BatchIsPaddedToItsLongestText()
    {
        var tok = Tokenizer();
        var texts = new[] { "ignored", "play some jazz", "", "jazzz please" };
        var b = tok.EncodeBatch(texts, 1, 3);
        Assert.Equal(3, b.Count);
        Assert.Equal(5, b.Length); // <s> play some jazz </s>
        for (int i = 0; i < 3; i++)
        {
            var row = tok.Encode(texts[1 + i]);
            for (int t = 0; t < b.Length; t++)
            {
                Assert.Equal(t < row.Length ? row[t] : tok.PadId, b.InputIds[i * b.Length + t]);
                Assert.Equal(t < row.Length ? 1 : 0, b.AttentionMask[i * b.Length + t]);
            }
        }
        Assert.Equal(1, tok.PadId);
        Assert.Throws<ArgumentOutOfRangeException>(() => tok.EncodeBatch(texts, 2, 3));
    }

    private JsonObject Sidecar()
    {
        var vocab = Vocab(Reference());
        var tok = Tokenizer();
        var ids = tok.Encode("Play some Jazz, please!");
        return new JsonObject
        {
            ["format"] = TokenizerSidecar.Format, ["source"] = "test",
            ["lowercase"] = true, ["strip_accents"] = true, ["chinese_chars"] = true,
            ["continuing_subword_prefix"] = "##", ["max_input_chars_per_word"] = 100, ["max_length"] = 512,
            ["cls_token"] = "<s>", ["sep_token"] = "</s>", ["pad_token"] = "<pad>", ["unk_token"] = "[UNK]",
            ["special_ids"] = new JsonObject { ["cls"] = 0, ["sep"] = 2, ["pad"] = 1, ["unk"] = vocab.IndexOf("[UNK]") },
            ["vocab"] = new JsonArray(vocab.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            ["checks"] = new JsonArray(new JsonObject
            {
                ["text"] = "Play some Jazz, please!",
                ["input_ids"] = new JsonArray(ids.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
            }),
        };
    }

    private string Write(JsonObject o, string name = "m.tokenizer.json")
    {
        string p = Path.Combine(_dir, name);
        File.WriteAllText(p, o.ToJsonString());
        return p;
    }

    [Fact]
    public void SidecarLoadsAndSelfChecks()
    {
        var s = TokenizerSidecar.Load(Write(Sidecar()));
        Assert.Single(s.Checks);
        Assert.Equal(new[] { 0, 6, 7, 8, 25, 11, 24, 2 }, s.Tokenizer.Encode("Play some Jazz, please!"));
        Assert.Equal(Path.Combine(_dir, "mpnet.tokenizer.json"), TokenizerSidecar.PathFor(Path.Combine(_dir, "mpnet.pt")));
    }

    [Fact]
    public void BadSidecarsGiveClearErrors()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => TokenizerSidecar.Load(Path.Combine(_dir, "none.tokenizer.json")));
        Assert.Contains("none.tokenizer.json", missing.Message);

        File.WriteAllText(Path.Combine(_dir, "trunc.json"), Sidecar().ToJsonString()[..200]);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => TokenizerSidecar.Load(Path.Combine(_dir, "trunc.json"))).Message);

        var noVocab = Sidecar();
        noVocab.Remove("vocab");
        Assert.Contains("'vocab'", Assert.Throws<InvalidDataException>(() => TokenizerSidecar.Load(Write(noVocab))).Message);

        var wrongId = Sidecar();
        wrongId["special_ids"]!["unk"] = 3;
        Assert.Contains("special_ids.unk", Assert.Throws<InvalidDataException>(() => TokenizerSidecar.Load(Write(wrongId))).Message);

        var noCase = Sidecar();
        noCase["lowercase"] = false; // then "Play" is not in the vocabulary and the stored ids no longer match
        Assert.Contains("checks[0]", Assert.Throws<InvalidDataException>(() => TokenizerSidecar.Load(Write(noCase))).Message);

        var format = Sidecar();
        format["format"] = "something-else";
        Assert.Contains("format", Assert.Throws<InvalidDataException>(() => TokenizerSidecar.Load(Write(format))).Message);
    }
}
