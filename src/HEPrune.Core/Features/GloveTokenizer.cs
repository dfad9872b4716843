using System.Text.RegularExpressions;

namespace HEPrune.Core.Features;

/// <summary>
/// Splits text into GloVe-6B-style tokens: lower-cased; punctuation marks are separate tokens; English clitics are split
/// off as in the Penn Treebank convention GloVe's vocabulary follows ("don't" → "do", "n't"; "it's" → "it", "'s");
/// words may contain inner hyphens or periods ("e-mail", "u.s").
/// </summary>
public static partial class GloveTokenizer
{
    [GeneratedRegex(@"(?<=[\p{L}\p{N}])n't\b", RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    [GeneratedRegex(@"(?<=[\p{L}\p{N}])'(s|re|ve|ll|d|m)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Clitic();

    [GeneratedRegex(@"n't|'(?:s|re|ve|ll|d|m)\b|[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*|\S", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    /// <summary>Returns the tokens of <paramref name="text"/> in order.</summary>
    public static List<string> Tokenize(string text)
    {
        string s = text.ToLowerInvariant().Replace('’', '\'');
        s = Negation().Replace(s, " n't");
        s = Clitic().Replace(s, " '$1");
        var tokens = new List<string>();
        foreach (Match m in Token().Matches(s)) tokens.Add(m.Value);
        return tokens;
    }
}
