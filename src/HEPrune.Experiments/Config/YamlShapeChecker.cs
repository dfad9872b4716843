using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization.NamingConventions;

namespace HEPrune.Experiments.Config;

/// <summary>Checks a parsed YAML tree against the shape of the config records before deserialising it.</summary>
/// <remarks>
/// It reports every unknown key (with a suggestion), every wrong type and every duplicate key with its line and column,
/// records the position of every key for later semantic checks, and turns a scalar into a one-element list where a
/// list is expected (so <c>backend: emulated</c> and <c>backend: [emulated]</c> mean the same).
/// </remarks>
internal sealed class YamlShapeChecker
{
    private readonly string _file;
    private readonly List<ConfigError> _errors;

    /// <summary>Creates a checker that appends its findings to <paramref name="errors"/>.</summary>
    public YamlShapeChecker(string file, List<ConfigError> errors)
    {
        _file = file;
        _errors = errors;
    }

    /// <summary>Start positions of every value by dotted path (e.g. <c>training.lr</c>, <c>keep[1]</c>).</summary>
    public Dictionary<string, Mark> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>The YAML key of a property under the project's naming convention.</summary>
    public static string KeyOf(PropertyInfo p) => UnderscoredNamingConvention.Instance.Apply(p.Name);

    /// <summary>The YAML keys of a config record type, in declaration order, with their properties.</summary>
    public static IReadOnlyList<(string Key, PropertyInfo Property)> KeysOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != "EqualityContract")
            .Select(p => (KeyOf(p), p)).ToList();

    /// <summary>Checks <paramref name="node"/> as a value of <paramref name="type"/> found at <paramref name="path"/>.</summary>
    public void Check(YamlNode node, Type type, string path)
    {
        Positions[path] = node.Start;
        if (IsNull(node)) return;
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            CheckList(node, t.GetGenericArguments()[0], path);
            return;
        }
        if (t == typeof(string) || t == typeof(int) || t == typeof(double) || t == typeof(bool))
        {
            CheckScalar(node, t, path);
            return;
        }
        if (node is not YamlMappingNode map)
        {
            Add(node, path, $"expected a mapping of keys ({string.Join(", ", KeysOf(t).Select(k => k.Key))}), got {Describe(node)}");
            return;
        }
        var keys = KeysOf(t).ToDictionary(k => k.Key, k => k.Property, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var wrapInList = new List<(YamlNode Key, YamlScalarNode Value)>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Add(keyNode, path, $"keys must be plain words, got {Describe(keyNode)}");
                continue;
            }
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            Positions[childPath] = keyNode.Start;
            if (!seen.Add(key))
            {
                Add(keyNode, childPath, "duplicate key (each key may appear once)");
                continue;
            }
            if (!keys.TryGetValue(key, out var prop))
            {
                var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
                var guess = Suggest.Closest(key, keys.Keys);
                var hint = guess is null ? "" : $"did you mean '{guess}'? ";
                Add(keyNode, childPath, $"unknown key {where}; {hint}(allowed: {string.Join(", ", keys.Keys)})");
                continue;
            }
            var pt = Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType;
            if (pt.IsGenericType && pt.GetGenericTypeDefinition() == typeof(List<>) && valueNode is YamlScalarNode s && !IsNull(s))
                wrapInList.Add((keyNode, s));
            Check(valueNode, prop.PropertyType, childPath);
            Positions[childPath] = valueNode.Start;
        }
        foreach (var (k, v) in wrapInList) map.Children[k] = new YamlSequenceNode(v);
    }

    private void CheckList(YamlNode node, Type element, string path)
    {
        if (node is YamlScalarNode)
        {
            // A scalar stands for a one-element list; check it as the element.
            CheckScalarOrObject(node, element, path + "[0]");
            return;
        }
        if (node is not YamlSequenceNode seq)
        {
            Add(node, path, $"expected a list (e.g. [a, b]), got {Describe(node)}");
            return;
        }
        for (var i = 0; i < seq.Children.Count; i++) CheckScalarOrObject(seq.Children[i], element, $"{path}[{i}]");
    }

    private void CheckScalarOrObject(YamlNode node, Type element, string path)
    {
        if (IsNull(node))
        {
            Positions[path] = node.Start;
            Add(node, path, "list entries may not be empty");
            return;
        }
        Check(node, element, path);
    }

    private void CheckScalar(YamlNode node, Type t, string path)
    {
        if (node is not YamlScalarNode { Value: { } v })
        {
            Add(node, path, $"expected {TypeName(t)}, got {Describe(node)}");
            return;
        }
        var ok = t == typeof(string)
            || (t == typeof(int) && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            || (t == typeof(double) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            || (t == typeof(bool) && (v is "true" or "false"));
        if (!ok) Add(node, path, $"expected {TypeName(t)}, got '{v}'");
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string TypeName(Type t) =>
        t == typeof(int) ? "a whole number" : t == typeof(double) ? "a number" : t == typeof(bool) ? "true or false" : "text";

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };

    private void Add(YamlNode node, string path, string message) =>
        _errors.Add(new ConfigError(_file, (int)node.Start.Line, (int)node.Start.Column, path, message));
}
