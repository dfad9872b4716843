namespace HEPrune.Experiments.Config;

/// <summary>One problem found in a configuration file, with its position.</summary>
/// <param name="File">The file the problem is in.</param>
/// <param name="Line">1-based line (0 when the problem has no position, e.g. a missing file).</param>
/// <param name="Column">1-based column (0 when unknown).</param>
/// <param name="Key">Dotted path of the key, e.g. <c>training.lr</c> or <c>keep[2]</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong: what was given and what is allowed.</param>
public sealed record ConfigError(string File, int Line, int Column, string Key, string Message)
{
    /// <summary>Formats the error as <c>file:line:column: key: message</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Key.Length > 0 ? $"{where}: {Key}: {Message}" : $"{where}: {Message}";
    }
}

/// <summary>Thrown when a configuration file cannot be loaded; holds every problem found, not only the first.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(Format(errors)) => Errors = errors;

    /// <summary>All problems, in file order.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Format(IReadOnlyList<ConfigError> errors)
    {
        var head = errors.Count == 1 ? "1 configuration error:" : $"{errors.Count} configuration errors:";
        return head + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
