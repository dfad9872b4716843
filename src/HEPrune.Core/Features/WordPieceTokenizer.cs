using System.Text;

namespace HEPrune.Core.Features;

/// <summary>
/// A BERT/MPNet-style WordPiece tokenizer: <see cref="BertBasicTokenizer"/> words, each split greedily into the longest
/// vocabulary pieces from the left (pieces after the first carry the continuation prefix, "##"); a word longer than
/// <see cref="WordPieceOptions.MaxInputCharsPerWord"/> code points or with an unmatchable rest becomes one unknown token.
/// A text is encoded as <c>cls pieces… sep</c>, the pieces cut so the whole fits in <see cref="WordPieceOptions.MaxLength"/>.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly Dictionary<string, int> _ids;

    /// <summary>Builds the tokenizer from a vocabulary (token at index i has id i) and options.</summary>
    /// <exception cref="ArgumentException">A token repeats, or a special token is not in the vocabulary, or MaxLength &lt; 2.</exception>
    public WordPieceTokenizer(IReadOnlyList<string> vocab, WordPieceOptions options)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        Options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.MaxLength < 2) throw new ArgumentException($"max_length must be at least 2 (for cls and sep); got {options.MaxLength}");
        if (options.MaxInputCharsPerWord < 1) throw new ArgumentException($"max_input_chars_per_word must be positive; got {options.MaxInputCharsPerWord}");
        _ids = new Dictionary<string, int>(vocab.Count, StringComparer.Ordinal);
        for (int i = 0; i < vocab.Count; i++)
            if (!_ids.TryAdd(vocab[i], i)) throw new ArgumentException($"vocabulary token '{vocab[i]}' appears twice (ids {_ids[vocab[i]]} and {i})");
        VocabSize = vocab.Count;
        ClsId = Require(options.ClsToken, "cls");
        SepId = Require(options.SepToken, "sep");
        PadId = Require(options.PadToken, "pad");
        UnkId = Require(options.UnkToken, "unk");
    }

    /// <summary>The options the tokenizer was built with.</summary>
    public WordPieceOptions Options { get; }

    /// <summary>Number of vocabulary entries.</summary>
    public int VocabSize { get; }

    /// <summary>Id of the start token (MPNet: <c>&lt;s&gt;</c>).</summary>
    public int ClsId { get; }

    /// <summary>Id of the end token (MPNet: <c>&lt;/s&gt;</c>).</summary>
    public int SepId { get; }

    /// <summary>Id of the padding token (MPNet: <c>&lt;pad&gt;</c>).</summary>
    public int PadId { get; }

    /// <summary>Id of the unknown token (MPNet: <c>[UNK]</c>).</summary>
    public int UnkId { get; }

    /// <summary>The WordPiece pieces of <paramref name="text"/> as ids, without special tokens and without truncation.</summary>
    public List<int> Pieces(string text)
    {
        var o = Options;
        var ids = new List<int>();
        foreach (var word in BertBasicTokenizer.Tokenize(text, o.Lowercase, o.StripAccents, o.ChineseChars))
            AddWord(word, ids);
        return ids;
    }

    /// <summary>The ids of <paramref name="text"/> with special tokens: cls, the first MaxLength − 2 pieces, sep.</summary>
    public int[] Encode(string text)
    {
        var pieces = Pieces(text);
        int keep = Math.Min(pieces.Count, Options.MaxLength - 2);
        var ids = new int[keep + 2];
        ids[0] = ClsId;
        for (int i = 0; i < keep; i++) ids[i + 1] = pieces[i];
        ids[keep + 1] = SepId;
        return ids;
    }

    /// <summary>Encodes texts [<paramref name="start"/>, start + <paramref name="count"/>) and pads them to the longest
    /// one with the pad id (attention mask 0 there, 1 elsewhere).</summary>
    public TokenBatch EncodeBatch(IReadOnlyList<string> texts, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (start < 0 || count < 0 || start + count > texts.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"texts [{start}, {start + count}) are outside [0, {texts.Count})");
        var rows = new int[count][];
        int len = 0;
        for (int i = 0; i < count; i++)
        {
            rows[i] = Encode(texts[start + i] ?? throw new ArgumentException($"text {start + i} is null"));
            len = Math.Max(len, rows[i].Length);
        }
        var ids = new long[count * len];
        var mask = new long[count * len];
        for (int i = 0; i < count; i++)
        {
            var row = rows[i];
            for (int t = 0; t < len; t++)
            {
                bool real = t < row.Length;
                ids[i * len + t] = real ? row[t] : PadId;
                mask[i * len + t] = real ? 1 : 0;
            }
        }
        return new TokenBatch(ids, mask, count, len);
    }

    private void AddWord(string word, List<int> output)
    {
        // Code-point boundaries: pieces never split a surrogate pair.
        var bounds = new List<int>(word.Length + 1);
        for (int i = 0; i < word.Length; i += char.IsSurrogatePair(word, i) ? 2 : 1) bounds.Add(i);
        bounds.Add(word.Length);
        int chars = bounds.Count - 1;
        if (chars > Options.MaxInputCharsPerWord) { output.Add(UnkId); return; }
        int first = output.Count;
        var sb = new StringBuilder(word.Length + Options.ContinuationPrefix.Length);
        int s = 0;
        while (s < chars)
        {
            int found = -1, end = chars;
            for (; end > s; end--)
            {
                sb.Clear();
                if (s > 0) sb.Append(Options.ContinuationPrefix);
                sb.Append(word, bounds[s], bounds[end] - bounds[s]);
                if (_ids.TryGetValue(sb.ToString(), out found)) break;
                found = -1;
            }
            if (found < 0)
            {
                output.RemoveRange(first, output.Count - first);
                output.Add(UnkId);
                return;
            }
            output.Add(found);
            s = end;
        }
    }

    private int Require(string token, string role) =>
        _ids.TryGetValue(token, out int id) ? id : throw new ArgumentException($"the {role} token '{token}' is not in the vocabulary");
}
