using System.Globalization;
using System.Text;

namespace HEPrune.Core.Features;

/// <summary>
/// The "basic" stage of BERT-style tokenisation that MPNet's tokenizer uses before WordPiece: clean the text (drop NUL,
/// U+FFFD and other-category characters; map whitespace to a space), put spaces around CJK ideographs, optionally strip
/// accents (NFD, then drop non-spacing marks) and lower-case, then split on whitespace and isolate every punctuation
/// character as its own word.
/// </summary>
public static class BertBasicTokenizer
{
    /// <summary>Returns the words of <paramref name="text"/> after normalisation, in order.</summary>
    /// <param name="text">Raw text.</param>
    /// <param name="lowercase">Lower-case the text.</param>
    /// <param name="stripAccents">Decompose (NFD) and drop non-spacing marks (category Mn).</param>
    /// <param name="chineseChars">Split CJK ideographs into single-character words.</param>
    public static List<string> Tokenize(string text, bool lowercase, bool stripAccents, bool chineseChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = Normalize(text, lowercase, stripAccents, chineseChars);
        var words = new List<string>();
        var cur = new StringBuilder();
        foreach (var r in s.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(r))
            {
                Flush(cur, words);
            }
            else if (IsPunctuation(r))
            {
                Flush(cur, words);
                words.Add(r.ToString());
            }
            else
            {
                cur.Append(r.ToString());
            }
        }
        Flush(cur, words);
        return words;
    }

    /// <summary>The normaliser alone: cleaning, CJK padding, accent stripping, lower-casing (in that order).</summary>
    public static string Normalize(string text, bool lowercase, bool stripAccents, bool chineseChars)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var r in text.EnumerateRunes())
        {
            int cp = r.Value;
            if (cp == 0 || cp == 0xFFFD) continue;
            if (IsWhitespace(r)) { sb.Append(' '); continue; }
            if (IsControl(r)) continue;
            if (chineseChars && IsCjk(cp)) { sb.Append(' ').Append(r.ToString()).Append(' '); continue; }
            sb.Append(r.ToString());
        }
        string s = sb.ToString();
        if (stripAccents) s = StripAccents(s);
        if (lowercase) s = ToLower(s);
        return s;
    }

    /// <summary>
    /// Unicode lower-casing as Rust's and Python's <c>lower</c> do it: the invariant mapping, except that a capital sigma
    /// at the end of a word (a cased letter before it, none after it, skipping case-ignorable characters) becomes the
    /// final form ς.
    /// </summary>
    public static string ToLower(string text)
    {
        string lower = text.ToLowerInvariant();
        if (!text.Contains('\u03A3') || lower.Length != text.Length) return lower;
        var chars = lower.ToCharArray();
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\u03A3' && CasedNeighbour(text, i, -1) && !CasedNeighbour(text, i, +1)) chars[i] = '\u03C2';
        return new string(chars);
    }

    private static bool CasedNeighbour(string s, int i, int step)
    {
        for (int j = i + step; j >= 0 && j < s.Length; j += step)
        {
            char c = s[j];
            var cat = char.GetUnicodeCategory(c);
            bool ignorable = c is '\'' or '.' or ':' or '\u00B7' or '\u2018' or '\u2019' or '\u2024' or '\uFE52' or '\uFF07' or '\uFF0E'
                || cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
            if (ignorable) continue;
            return cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;
        }
        return false;
    }

    /// <summary>
    /// Canonical decomposition (NFD) without the non-spacing marks (category Mn), character by character: a generated
    /// table (tools/features/make_accent_table.py) for everything but Hangul syllables, which are decomposed by the
    /// Unicode algorithm. Works under InvariantGlobalization, where <see cref="string.Normalize()"/> leaves non-ASCII
    /// text unchanged.
    /// </summary>
    public static string StripAccents(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var r in text.EnumerateRunes())
        {
            int cp = r.Value;
            if (cp < 0xC0) { sb.Append((char)cp); continue; }
            if (Rune.GetUnicodeCategory(r) == UnicodeCategory.NonSpacingMark) continue;
            if (cp is >= HangulBase and < HangulBase + HangulCount)
            {
                int idx = cp - HangulBase;
                sb.Append((char)(0x1100 + idx / (21 * 28))).Append((char)(0x1161 + idx % (21 * 28) / 28));
                if (idx % 28 != 0) sb.Append((char)(0x11A7 + idx % 28));
                continue;
            }
            int k = Array.BinarySearch(AccentStripTable.Keys, cp);
            if (k >= 0) sb.Append(AccentStripTable.Values[k]);
            else sb.Append(r.ToString());
        }
        return sb.ToString();
    }

    private const int HangulBase = 0xAC00, HangulCount = 11172;

    /// <summary>True for space, tab, newline, carriage return and space separators (category Zs).</summary>
    public static bool IsWhitespace(Rune r) =>
        r.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(r) == UnicodeCategory.SpaceSeparator;

    /// <summary>True for characters of the "other" categories (Cc, Cf, Cs, Co, Cn) except tab, newline and carriage return.</summary>
    public static bool IsControl(Rune r)
    {
        if (r.Value is '\t' or '\n' or '\r') return false;
        return Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>True for ASCII symbols and punctuation (33–47, 58–64, 91–96, 123–126) and Unicode punctuation (P*).</summary>
    public static bool IsPunctuation(Rune r)
    {
        int cp = r.Value;
        if (cp is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126) return true;
        return Rune.GetUnicodeCategory(r) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>True for code points of the CJK Unified Ideographs blocks BERT treats as single words.</summary>
    public static bool IsCjk(int cp) =>
        cp is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;

    private static void Flush(StringBuilder cur, List<string> words)
    {
        if (cur.Length == 0) return;
        words.Add(cur.ToString());
        cur.Clear();
    }
}
