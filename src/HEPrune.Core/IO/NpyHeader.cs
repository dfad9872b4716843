using System.Globalization;
using System.Text;

namespace HEPrune.Core.IO;

/// <summary>The parsed header dictionary of a .npy file: <c>{'descr': ..., 'fortran_order': ..., 'shape': (...)}</c>.</summary>
internal readonly record struct NpyHeader(string Descr, bool FortranOrder, int[] Shape)
{
    /// <summary>Formats the header dictionary the way numpy does (without padding).</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append("{'descr': '").Append(Descr).Append("', 'fortran_order': ").Append(FortranOrder ? "True" : "False").Append(", 'shape': (");
        for (int i = 0; i < Shape.Length; i++)
        {
            sb.Append(Shape[i].ToString(CultureInfo.InvariantCulture));
            if (Shape.Length == 1 || i < Shape.Length - 1)
            {
                sb.Append(i < Shape.Length - 1 ? ", " : ",");
            }
        }

        sb.Append("), }");
        return sb.ToString();
    }

    /// <summary>Parses the Python dict literal of a .npy header; throws <see cref="DataFormatException"/> naming <paramref name="source"/>.</summary>
    public static NpyHeader Parse(string text, string source)
    {
        var p = new Parser(text, source);
        return p.ParseDict();
    }

    private sealed class Parser(string text, string source)
    {
        private int _pos;

        public NpyHeader ParseDict()
        {
            string? descr = null;
            bool? fortran = null;
            int[]? shape = null;
            Expect('{');
            while (true)
            {
                SkipSpace();
                if (_pos >= text.Length)
                {
                    throw Fail("header dictionary is not closed with '}'");
                }

                if (Peek() == '}')
                {
                    _pos++;
                    break;
                }

                string key = ParseString();
                Expect(':');
                switch (key)
                {
                    case "descr":
                        SkipSpace();
                        if (Peek() is not ('\'' or '"'))
                        {
                            throw Fail("'descr' must be a simple type string such as '<f4' (structured dtypes are not supported)");
                        }

                        descr = ParseString();
                        break;
                    case "fortran_order":
                        fortran = ParseBool();
                        break;
                    case "shape":
                        shape = ParseShape();
                        break;
                    default:
                        throw Fail($"unexpected header key '{key}' (expected descr, fortran_order, shape)");
                }

                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                Expect('}');
                break;
            }

            SkipSpace();
            if (_pos != text.Length)
            {
                throw Fail($"unexpected text after the header dictionary at offset {_pos}");
            }

            if (descr is null || fortran is null || shape is null)
            {
                throw Fail("header lacks one of the keys 'descr', 'fortran_order', 'shape'");
            }

            return new NpyHeader(descr, fortran.Value, shape);
        }

        private int[] ParseShape()
        {
            Expect('(');
            var dims = new List<int>();
            while (true)
            {
                SkipSpace();
                if (Peek() == ')')
                {
                    _pos++;
                    return dims.ToArray();
                }

                int start = _pos;
                while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
                {
                    _pos++;
                }

                if (_pos == start)
                {
                    throw Fail($"shape must be a tuple of non-negative integers (offset {_pos})");
                }

                if (!int.TryParse(text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out int dim))
                {
                    throw Fail($"shape dimension {text.Substring(start, _pos - start)} is too large");
                }

                if (_pos < text.Length && text[_pos] is 'L' or 'l')
                {
                    _pos++; // Python 2 long suffix.
                }

                dims.Add(dim);
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                }
                else if (Peek() != ')')
                {
                    throw Fail($"expected ',' or ')' in shape at offset {_pos}");
                }
            }
        }

        private bool ParseBool()
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _pos, "True", 0, 4) == 0)
            {
                _pos += 4;
                return true;
            }

            if (string.CompareOrdinal(text, _pos, "False", 0, 5) == 0)
            {
                _pos += 5;
                return false;
            }

            throw Fail($"expected True or False at offset {_pos}");
        }

        private string ParseString()
        {
            SkipSpace();
            char q = Peek();
            if (q is not ('\'' or '"'))
            {
                throw Fail($"expected a quoted string at offset {_pos}");
            }

            int end = text.IndexOf(q, _pos + 1);
            if (end < 0)
            {
                throw Fail("unterminated string in header");
            }

            string s = text.Substring(_pos + 1, end - _pos - 1);
            _pos = end + 1;
            return s;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (Peek() != c)
            {
                throw Fail($"expected '{c}' at offset {_pos}");
            }

            _pos++;
        }

        private char Peek() => _pos < text.Length ? text[_pos] : '\0';

        private void SkipSpace()
        {
            while (_pos < text.Length && text[_pos] is ' ' or '\t' or '\n' or '\r')
            {
                _pos++;
            }
        }

        private DataFormatException Fail(string message) => new(source, $"bad .npy header: {message}; header was: {text.Trim()}");
    }
}
