namespace HEPrune.Experiments.Config;

/// <summary>"Did you mean …?" suggestions by edit distance.</summary>
public static class Suggest
{
    /// <summary>Returns the candidate closest to <paramref name="given"/> if it is close enough to be a likely typo, else null.</summary>
    public static string? Closest(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(given.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        var limit = Math.Max(2, given.Length / 3);
        return best is not null && bestDistance <= limit ? best : null;
    }

    /// <summary>Levenshtein distance (insert, delete, substitute; transposition counts 1).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>Formats an allowed-values list for messages: <c>allowed: a, b, c</c>, plus a suggestion when one fits.</summary>
    public static string Allowed(string given, IEnumerable<string> allowed)
    {
        var list = allowed.ToList();
        var guess = Closest(given, list);
        var text = "allowed: " + string.Join(", ", list);
        return guess is null ? text : $"did you mean '{guess}'? ({text})";
    }
}
