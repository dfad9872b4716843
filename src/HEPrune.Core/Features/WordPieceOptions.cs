namespace HEPrune.Core.Features;

/// <summary>Settings of a <see cref="WordPieceTokenizer"/>; the defaults are those of paraphrase-mpnet-base-v2.</summary>
public sealed record WordPieceOptions
{
    /// <summary>Lower-case the text.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Strip accents (NFD, drop marks). The Hugging Face default (unset) follows <see cref="Lowercase"/>.</summary>
    public bool StripAccents { get; init; } = true;

    /// <summary>Split CJK ideographs into single-character words.</summary>
    public bool ChineseChars { get; init; } = true;

    /// <summary>Prefix of pieces that continue a word.</summary>
    public string ContinuationPrefix { get; init; } = "##";

    /// <summary>Longer words (in code points) become the unknown token.</summary>
    public int MaxInputCharsPerWord { get; init; } = 100;

    /// <summary>Maximum sequence length including the start and end tokens (the sentence-transformers max_seq_length).</summary>
    public int MaxLength { get; init; } = 512;

    /// <summary>Start token.</summary>
    public string ClsToken { get; init; } = "<s>";

    /// <summary>End token.</summary>
    public string SepToken { get; init; } = "</s>";

    /// <summary>Padding token.</summary>
    public string PadToken { get; init; } = "<pad>";

    /// <summary>Unknown token.</summary>
    public string UnkToken { get; init; } = "[UNK]";

    /// <summary>Canonical description of the settings (part of a feature-cache key).</summary>
    public string Describe() =>
        $"wordpiece-v1:lower={Lowercase};strip={StripAccents};cjk={ChineseChars};prefix={ContinuationPrefix};maxword={MaxInputCharsPerWord};" +
        $"maxlen={MaxLength};cls={ClsToken};sep={SepToken};pad={PadToken};unk={UnkToken}";
}
