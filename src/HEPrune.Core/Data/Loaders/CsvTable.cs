using HEPrune.Core.IO;

namespace HEPrune.Core.Data.Loaders;

/// <summary>A small reader for the plain comma-separated tables shipped with the data (no quoting), with a required header.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns = [];

    private CsvTable(string path, string[] header, List<string[]> rows)
    {
        Path = path;
        for (int i = 0; i < header.Length; i++)
        {
            _columns[header[i]] = i;
        }

        Rows = rows;
    }

    /// <summary>The file the table was read from.</summary>
    public string Path { get; }

    /// <summary>The data rows (header excluded).</summary>
    public List<string[]> Rows { get; }

    /// <summary>Reads <paramref name="path"/>; the header must equal <paramref name="expectedHeader"/>.</summary>
    public static CsvTable Read(string path, string expectedHeader)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != expectedHeader)
        {
            throw new DataFormatException(path, $"expected the header '{expectedHeader}', found '{(lines.Length > 0 ? lines[0] : "")}'");
        }

        string[] header = expectedHeader.Split(',');
        var rows = new List<string[]>(lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Contains('"'))
            {
                throw new DataFormatException(path, $"line {i + 1}: quoted fields are not supported");
            }

            string[] f = line.Split(',');
            if (f.Length != header.Length)
            {
                throw new DataFormatException(path, $"line {i + 1}: {f.Length} fields, expected {header.Length}");
            }

            rows.Add(f);
        }

        return new CsvTable(path, header, rows);
    }

    /// <summary>Returns field <paramref name="column"/> of data row <paramref name="row"/>.</summary>
    public string Text(int row, string column) => Rows[row][_columns[column]];

    /// <summary>Returns field <paramref name="column"/> of data row <paramref name="row"/> as a non-negative integer, or throws naming the file and line.</summary>
    public int Int(int row, string column)
    {
        string s = Text(row, column);
        if (!int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int v))
        {
            throw new DataFormatException(Path, $"line {row + 2}: column {column} = '{s}' is not a non-negative integer");
        }

        return v;
    }
}
