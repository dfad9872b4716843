using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HEPrune.Experiments.Config;

/// <summary>A validated experiment configuration together with where it came from.</summary>
/// <param name="Config">The configuration as written (defaults are applied by the run matrix).</param>
/// <param name="Path">The file it was read from.</param>
/// <param name="Text">The exact file text (stored next to the results).</param>
public sealed record LoadedConfig(ExperimentConfig Config, string Path, string Text);

/// <summary>Reads experiment YAML files into validated <see cref="ExperimentConfig"/> records.</summary>
public static class ConfigLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Loads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The file is missing, malformed or invalid; every problem is listed.</exception>
    public static LoadedConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            var hint = Directory.Exists(path) ? "it is a folder, not a file" : "no such file";
            throw new ConfigException([new ConfigError(path, 0, 0, "", $"cannot read the configuration: {hint} (full path {System.IO.Path.GetFullPath(path)})")]);
        }
        var text = File.ReadAllText(path);
        return new LoadedConfig(Parse(text, path), path, text);
    }

    /// <summary>Parses and validates YAML <paramref name="text"/>; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="ConfigException">The text is malformed or invalid; every problem is listed.</exception>
    public static ExperimentConfig Parse(string text, string file)
    {
        var (config, positions) = ParseAs<ExperimentConfig>(text, file);
        var errors = new List<ConfigError>();
        new ConfigValidator(file, positions, errors).Validate(config);
        if (errors.Count > 0) throw new ConfigException(Sorted(errors));
        return config;
    }

    /// <summary>Parses YAML <paramref name="text"/> into <typeparamref name="T"/> with the strict shape check (unknown keys, types) but no value rules.</summary>
    /// <returns>The record and the position of every key by dotted path.</returns>
    /// <exception cref="ConfigException">The text is malformed or does not fit the shape of <typeparamref name="T"/>.</exception>
    public static (T Value, IReadOnlyDictionary<string, Mark> Positions) ParseAs<T>(string text, string file) where T : class, new()
    {

        var errors = new List<ConfigError>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var msg = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes messages with the position; ours carry it separately.
            var cut = msg.IndexOf("): ", StringComparison.Ordinal);
            if (msg.StartsWith("(Line", StringComparison.Ordinal) && cut > 0) msg = msg[(cut + 3)..];
            throw new ConfigException([new ConfigError(file, (int)e.Start.Line, (int)e.Start.Column, "", "malformed YAML: " + msg)]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unclosed flow collections.
            var (line, column) = LastGoodPosition(text);
            throw new ConfigException([new ConfigError(file, line, column, "",
                "malformed YAML: the parser stopped after this point (an unclosed '[', '{' or quote?)")]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            throw new ConfigException([new ConfigError(file, 1, 1, "", typeof(T) == typeof(ExperimentConfig) ? "the file is empty; an experiment needs at least name, datasets and methods" : "the file is empty")]);
        if (stream.Documents.Count > 1)
            errors.Add(new ConfigError(file, (int)stream.Documents[1].RootNode.Start.Line, 1, "", "only one YAML document per file is allowed"));

        var root = stream.Documents[0].RootNode;
        var checker = new YamlShapeChecker(file, errors);
        checker.Check(root, typeof(T), "");
        if (errors.Count > 0) throw new ConfigException(Sorted(errors));

        T config;
        try
        {
            var normalised = new StringWriter();
            new YamlStream(stream.Documents[0]).Save(normalised, assignAnchors: false);
            config = Deserializer.Deserialize<T>(normalised.ToString()) ?? new T();
        }
        catch (YamlException e)
        {
            // The shape check should have caught this; report it rather than crash.
            throw new ConfigException([new ConfigError(file, 0, 0, "", "could not map the YAML onto the config schema: " + (e.InnerException?.Message ?? e.Message))]);
        }
        return (config, checker.Positions);
    }

    private static (int Line, int Column) LastGoodPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = (Line: 1, Column: 1);
        try
        {
            while (parser.MoveNext())
                if (parser.Current is { } ev) last = ((int)ev.End.Line, (int)ev.End.Column);
        }
        catch (Exception e) when (e is InvalidOperationException or YamlException) { }
        return last;
    }

    private static List<ConfigError> Sorted(List<ConfigError> errors) =>
        errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
}
