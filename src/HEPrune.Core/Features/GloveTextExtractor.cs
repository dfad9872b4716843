namespace HEPrune.Core.Features;

/// <summary>
/// Sentence features as the mean of the GloVe vectors of the text's in-vocabulary tokens (<see cref="GloveTokenizer"/>);
/// a hyphenated token not in the vocabulary contributes its parts; a text without known tokens gets the zero vector.
/// </summary>
public sealed class GloveTextExtractor : ITextFeatureExtractor
{
    private readonly GloveTable _table;

    /// <summary>Wraps a loaded table.</summary>
    public GloveTextExtractor(GloveTable table) => _table = table;

    /// <summary>Loads (converting once if needed) the table from the default location.</summary>
    public static GloveTextExtractor FromNpm(Action<string>? log = null) =>
        new(GloveTable.LoadOrConvert(GloveTable.DefaultBinaryPath(), log));

    /// <inheritdoc />
    public string Id => "glove";

    /// <inheritdoc />
    public int Dimension => _table.Dim;

    /// <inheritdoc />
    public string WeightsHash => _table.Hash;

    /// <inheritdoc />
    public string Preprocessing => "tokens-v2:lowercase;ptb-clitics;punct-split;hyphen-fallback;mean-pool;oov-skip";

    /// <summary>Fraction of tokens found in the vocabulary over all calls so far.</summary>
    public double Coverage => _tokens == 0 ? 0 : (double)_known / _tokens;

    private long _tokens, _known;

    /// <inheritdoc />
    public void Extract(IReadOnlyList<string> texts, int start, int count, Span<float> output)
    {
        if (start < 0 || count < 0 || start + count > texts.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"texts [{start}, {start + count}) are outside [0, {texts.Count})");
        int d = _table.Dim;
        if (output.Length != count * d) throw new ArgumentException($"output needs {count}×{d} floats; got {output.Length}");
        var acc = new double[d];
        for (int i = 0; i < count; i++)
        {
            Array.Clear(acc);
            int used = 0;
            foreach (var tok in GloveTokenizer.Tokenize(texts[start + i]))
            {
                _tokens++;
                int row = _table.IndexOf(tok);
                if (row >= 0) { Add(acc, row); used++; _known++; continue; }
                if (tok.Contains('-'))
                {
                    bool any = false;
                    foreach (var part in tok.Split('-', StringSplitOptions.RemoveEmptyEntries))
                    {
                        int r = _table.IndexOf(part);
                        if (r >= 0) { Add(acc, r); used++; any = true; }
                    }
                    if (any) _known++;
                }
            }
            var dst = output.Slice(i * d, d);
            for (int j = 0; j < d; j++) dst[j] = used == 0 ? 0f : (float)(acc[j] / used);
        }
    }

    private void Add(double[] acc, int row)
    {
        var v = _table.Vectors.AsSpan(row * _table.Dim, _table.Dim);
        for (int j = 0; j < v.Length; j++) acc[j] += v[j];
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
