using System.Text.Json;

namespace HEPrune.Core.Features;

/// <summary>
/// The tokenizer sidecar that tools/features/export_torchscript.py writes beside a text TorchScript module
/// (<c>NAME.tokenizer.json</c> for <c>NAME.pt</c>): format tag <c>heprune-wordpiece/1</c>, the vocabulary in id order,
/// the normaliser and WordPiece settings, the special tokens with their ids, the maximum sequence length and a few
/// reference sentences with the ids the Python tokenizer gave them. Loading verifies the ids of every reference sentence.
/// </summary>
public sealed class TokenizerSidecar
{
    /// <summary>The format tag this reader understands.</summary>
    public const string Format = "heprune-wordpiece/1";

    private TokenizerSidecar(string path, string source, WordPieceTokenizer tokenizer, IReadOnlyList<TokenizerCheck> checks)
    {
        Path = path;
        Source = source;
        Tokenizer = tokenizer;
        Checks = checks;
    }

    /// <summary>Full path of the sidecar file.</summary>
    public string Path { get; }

    /// <summary>Name of the model the vocabulary came from (informational).</summary>
    public string Source { get; }

    /// <summary>The tokenizer described by the file.</summary>
    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>The reference sentences (already verified against <see cref="Tokenizer"/>).</summary>
    public IReadOnlyList<TokenizerCheck> Checks { get; }

    /// <summary>The sidecar path that belongs to a module: <c>dir/NAME.pt</c> → <c>dir/NAME.tokenizer.json</c>.</summary>
    public static string PathFor(string modulePath) => System.IO.Path.ChangeExtension(modulePath, ".tokenizer.json");

    /// <summary>Reads, validates and self-checks a sidecar.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid JSON, lacks a field, has a wrong value, or the C#
    /// tokenizer does not reproduce a reference sentence's ids.</exception>
    public static TokenizerSidecar Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"tokenizer sidecar not found: {path} (tools/features/export_torchscript.py mpnet writes it beside the .pt)", path);
        path = System.IO.Path.GetFullPath(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e); }
        using (doc)
        {
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object) throw Bad(path, "the top level must be a JSON object");
            string format = Str(r, "format", path);
            if (format != Format) throw Bad(path, $"format is '{format}', expected '{Format}'");
            var vocabEl = Get(r, "vocab", JsonValueKind.Array, path);
            var vocab = new List<string>(vocabEl.GetArrayLength());
            foreach (var t in vocabEl.EnumerateArray())
                vocab.Add(t.ValueKind == JsonValueKind.String ? t.GetString()! : throw Bad(path, $"vocab[{vocab.Count}] is not a string"));
            if (vocab.Count == 0) throw Bad(path, "vocab is empty");
            var options = new WordPieceOptions
            {
                Lowercase = Bool(r, "lowercase", path),
                StripAccents = Bool(r, "strip_accents", path),
                ChineseChars = Bool(r, "chinese_chars", path),
                ContinuationPrefix = Str(r, "continuing_subword_prefix", path),
                MaxInputCharsPerWord = Int(r, "max_input_chars_per_word", path),
                MaxLength = Int(r, "max_length", path),
                ClsToken = Str(r, "cls_token", path),
                SepToken = Str(r, "sep_token", path),
                PadToken = Str(r, "pad_token", path),
                UnkToken = Str(r, "unk_token", path),
            };
            WordPieceTokenizer tok;
            try { tok = new WordPieceTokenizer(vocab, options); }
            catch (ArgumentException e) { throw Bad(path, e.Message); }
            var ids = Get(r, "special_ids", JsonValueKind.Object, path);
            Expect(path, "cls", Int(ids, "cls", path), tok.ClsId);
            Expect(path, "sep", Int(ids, "sep", path), tok.SepId);
            Expect(path, "pad", Int(ids, "pad", path), tok.PadId);
            Expect(path, "unk", Int(ids, "unk", path), tok.UnkId);
            var checks = new List<TokenizerCheck>();
            if (r.TryGetProperty("checks", out var ch))
            {
                if (ch.ValueKind != JsonValueKind.Array) throw Bad(path, "checks must be an array");
                foreach (var c in ch.EnumerateArray()) checks.Add(Check(c, tok, path, checks.Count));
            }
            string source = r.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            return new TokenizerSidecar(path, source, tok, checks);
        }
    }

    private static TokenizerCheck Check(JsonElement c, WordPieceTokenizer tok, string path, int index)
    {
        string text = Str(c, "text", path);
        var want = Get(c, "input_ids", JsonValueKind.Array, path).EnumerateArray().Select(v => v.GetInt32()).ToArray();
        float[]? emb = c.TryGetProperty("embedding", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Select(v => v.GetSingle()).ToArray() : null;
        var got = tok.Encode(text);
        if (!got.AsSpan().SequenceEqual(want))
            throw Bad(path, $"checks[{index}]: the C# tokenizer gives [{string.Join(", ", got)}] for \"{text}\", " +
                            $"the exporting Python tokenizer gave [{string.Join(", ", want)}]");
        return new TokenizerCheck(text, want, emb);
    }

    private static JsonElement Get(JsonElement o, string name, JsonValueKind kind, string path) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == kind ? v
            : throw Bad(path, $"field '{name}' is missing or not a JSON {kind.ToString().ToLowerInvariant()}");

    private static string Str(JsonElement o, string name, string path) => Get(o, name, JsonValueKind.String, path).GetString()!;

    private static int Int(JsonElement o, string name, string path) =>
        Get(o, name, JsonValueKind.Number, path).TryGetInt32(out int v) ? v : throw Bad(path, $"field '{name}' is not a 32-bit integer");

    private static bool Bool(JsonElement o, string name, string path) =>
        o.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
            : throw Bad(path, $"field '{name}' is missing or not true/false");

    private static void Expect(string path, string role, int stated, int actual)
    {
        if (stated != actual) throw Bad(path, $"special_ids.{role} is {stated} but the {role} token has id {actual} in vocab");
    }

    private static InvalidDataException Bad(string path, string what) => new($"{path}: {what}");
}
