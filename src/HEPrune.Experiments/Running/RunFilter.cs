using System.Text.RegularExpressions;

namespace HEPrune.Experiments.Running;

/// <summary>Selects runs for <c>--only</c>: a pattern with <c>*</c> wildcards matched against the run label or id.</summary>
/// <remarks>
/// Labels look like <c>mnist/heprune/keep=0.1/seed=0/emulated</c>. A pattern without <c>*</c> matches when it is a
/// substring of the label or a prefix of the id; several patterns may be separated by commas (any one matching selects).
/// </remarks>
public sealed class RunFilter
{
    private readonly List<Regex> _patterns;

    private RunFilter(List<Regex> patterns) => _patterns = patterns;

    /// <summary>Parses <paramref name="pattern"/>; null or empty selects everything.</summary>
    public static RunFilter Parse(string? pattern)
    {
        var parts = (pattern ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new RunFilter(parts.Select(ToRegex).ToList());
    }

    /// <summary>True when <paramref name="run"/> is selected.</summary>
    public bool Matches(PlannedRun run) =>
        _patterns.Count == 0 || _patterns.Any(r => r.IsMatch(run.Run.Label) || r.IsMatch(run.Id));

    private static Regex ToRegex(string p)
    {
        var body = Regex.Escape(p).Replace(@"\*", ".*", StringComparison.Ordinal);
        return p.Contains('*', StringComparison.Ordinal)
            ? new Regex("^" + body + "$", RegexOptions.CultureInvariant)
            : new Regex(body, RegexOptions.CultureInvariant);
    }
}
