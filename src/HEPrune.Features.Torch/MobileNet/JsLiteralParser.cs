using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace HEPrune.Features.Torch.MobileNet;

/// <summary>
/// Parses the JavaScript object literal that minified TF.js model bundles contain (unquoted keys, <c>!0</c>/<c>!1</c>
/// booleans, numbers such as <c>.5</c>) into a <see cref="JsonNode"/> tree. Only the literal subset those bundles use.
/// </summary>
public sealed class JsLiteralParser
{
    private readonly string _s;
    private readonly string _source;
    private int _i;

    private JsLiteralParser(string text, int start, string source)
    {
        _s = text;
        _i = start;
        _source = source;
    }

    /// <summary>Parses the literal that starts at <paramref name="start"/> (a <c>{</c> or <c>[</c>) in <paramref name="text"/>.</summary>
    /// <param name="text">The whole JavaScript source.</param>
    /// <param name="start">Index of the first character of the literal.</param>
    /// <param name="source">File name used in error messages.</param>
    /// <exception cref="InvalidDataException">The text is not a literal of the supported subset.</exception>
    public static JsonNode? Parse(string text, int start, string source) => new JsLiteralParser(text, start, source).Value();

    private JsonNode? Value()
    {
        SkipWs();
        if (_i >= _s.Length) throw Error("unexpected end of input");
        char c = _s[_i];
        switch (c)
        {
            case '{': return Object();
            case '[': return Array();
            case '"':
            case '\'': return JsonValue.Create(String());
            case '!':
                // Minifiers write true as !0 and false as !1.
                if (_i + 1 < _s.Length && (_s[_i + 1] == '0' || _s[_i + 1] == '1'))
                {
                    bool v = _s[_i + 1] == '0';
                    _i += 2;
                    return JsonValue.Create(v);
                }
                throw Error("unsupported '!' expression");
        }
        if (c == '-' || c == '+' || c == '.' || char.IsAsciiDigit(c)) return Number();
        string word = Identifier();
        return word switch
        {
            "null" or "undefined" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ => throw Error($"unsupported identifier '{word}'"),
        };
    }

    private JsonObject Object()
    {
        var obj = new JsonObject();
        _i++; // {
        while (true)
        {
            SkipWs();
            if (Peek() == '}') { _i++; return obj; }
            string key = Peek() is '"' or '\'' ? String() : Identifier();
            SkipWs();
            Expect(':');
            obj[key] = Value();
            SkipWs();
            if (Peek() == ',') { _i++; continue; }
            if (Peek() == '}') { _i++; return obj; }
            throw Error("expected ',' or '}'");
        }
    }

    private JsonArray Array()
    {
        var arr = new JsonArray();
        _i++; // [
        while (true)
        {
            SkipWs();
            if (Peek() == ']') { _i++; return arr; }
            arr.Add(Value());
            SkipWs();
            if (Peek() == ',') { _i++; continue; }
            if (Peek() == ']') { _i++; return arr; }
            throw Error("expected ',' or ']'");
        }
    }

    private string String()
    {
        char quote = _s[_i++];
        var sb = new StringBuilder();
        while (_i < _s.Length && _s[_i] != quote)
        {
            char c = _s[_i++];
            if (c != '\\') { sb.Append(c); continue; }
            if (_i >= _s.Length) break;
            char e = _s[_i++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'u':
                    sb.Append((char)int.Parse(_s.AsSpan(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _i += 4;
                    break;
                default: sb.Append(e); break;
            }
        }
        if (_i >= _s.Length) throw Error("unterminated string");
        _i++;
        return sb.ToString();
    }

    private JsonNode Number()
    {
        int start = _i;
        if (_s[_i] is '-' or '+') _i++;
        while (_i < _s.Length && (char.IsAsciiDigit(_s[_i]) || _s[_i] is '.' or 'e' or 'E' ||
                                  (_s[_i] is '-' or '+' && (_s[_i - 1] is 'e' or 'E'))))
            _i++;
        string text = _s[start.._i];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw Error($"bad number '{text}'");
        // Rewrite to JSON number syntax (".5" → "0.5") and let System.Text.Json hold it, so that both
        // GetValue<int>() and GetValue<double>() work on the node.
        if (text.StartsWith('+')) text = text[1..];
        if (text.StartsWith('.')) text = "0" + text;
        else if (text.StartsWith("-.", StringComparison.Ordinal)) text = "-0" + text[1..];
        return JsonNode.Parse(text)!;
    }

    private string Identifier()
    {
        int start = _i;
        while (_i < _s.Length && (char.IsAsciiLetterOrDigit(_s[_i]) || _s[_i] is '_' or '$')) _i++;
        if (_i == start) throw Error($"unexpected character '{_s[_i]}'");
        return _s[start.._i];
    }

    private void SkipWs()
    {
        while (_i < _s.Length && char.IsWhiteSpace(_s[_i])) _i++;
    }

    private char Peek() => _i < _s.Length ? _s[_i] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c) throw Error($"expected '{c}'");
        _i++;
    }

    private InvalidDataException Error(string what) =>
        new($"{_source}: {what} at character {_i} (near \"{_s.Substring(Math.Max(0, _i - 20), Math.Min(40, _s.Length - Math.Max(0, _i - 20)))}\")");
}
