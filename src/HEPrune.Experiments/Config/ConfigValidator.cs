using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace HEPrune.Experiments.Config;

/// <summary>Checks the values of a deserialised config (allowed words, ranges, combinations) and reports them with positions.</summary>
internal sealed partial class ConfigValidator
{
    private readonly string _file;
    private readonly IReadOnlyDictionary<string, Mark> _positions;
    private readonly List<ConfigError> _errors;

    /// <summary>Creates a validator that appends to <paramref name="errors"/>, locating keys through <paramref name="positions"/>.</summary>
    public ConfigValidator(string file, IReadOnlyDictionary<string, Mark> positions, List<ConfigError> errors)
    {
        _file = file;
        _positions = positions;
        _errors = errors;
    }

    /// <summary>Validates every key of <paramref name="c"/>.</summary>
    public void Validate(ExperimentConfig c)
    {
        if (string.IsNullOrWhiteSpace(c.Name)) Error("name", "is required (letters, digits, '.', '_', '-')");
        else if (!NamePattern().IsMatch(c.Name)) Error("name", $"'{c.Name}' may only contain letters, digits, '.', '_' and '-' (it names the results folder)");

        RequiredWords("datasets", c.Datasets, Vocabulary.Datasets);
        RequiredWords("methods", c.Methods, Vocabulary.Methods);
        Words("backend", c.Backend, Vocabulary.Backends);
        if (c.Keep is { Count: 0 }) Error("keep", "must list at least one fraction when given");
        for (var i = 0; i < (c.Keep?.Count ?? 0); i++)
        {
            var k = c.Keep![i];
            if (!(k > 0 && k <= 1)) Error($"keep[{i}]", $"{Num(k)} is not a kept fraction; allowed: 0 < keep <= 1 (0.1 keeps 10%, i.e. the paper's pruning ratio p = 0.9)");
        }
        Duplicates("keep", c.Keep?.Select(Num).ToList());
        if (c.Seeds is { Count: 0 }) Error("seeds", "must list at least one seed when given");
        for (var i = 0; i < (c.Seeds?.Count ?? 0); i++)
            if (c.Seeds![i] < 0) Error($"seeds[{i}]", $"{c.Seeds[i]} is negative; allowed: whole numbers >= 0");
        Duplicates("seeds", c.Seeds?.Select(s => s.ToString(CultureInfo.InvariantCulture)).ToList());

        ValidateData(c.Data);
        ValidateFeatures(c.Features, c.Datasets ?? []);
        if (c.Ckks is { } ck)
        {
            Word("ckks.preset", ck.Preset, Vocabulary.CkksPresets);
            Word("ckks.noise", ck.Noise, Vocabulary.NoiseModels);
            Word("ckks.refresh", ck.Refresh, Vocabulary.RefreshModes);
            if (ck.Refresh == "bootstrap")
            {
                foreach (var (key, preset) in new[] { ("ckks.preset", ck.Preset ?? "paper-n16"), ("measure.preset", c.Measure?.Preset) })
                    if (preset is not null && Vocabulary.CkksPresets.Contains(preset) && !Vocabulary.BootstrappingPresets.Contains(preset))
                        Error(key, $"'{preset}' has no bootstrapping primes, but ckks.refresh is bootstrap; use {string.Join(" or ", Vocabulary.BootstrappingPresets)} (or refresh: client)");
            }
            // The MLP's real-CKKS runs refresh through the client only (ScratchRun); a bootstrap refresh, written or the
            // default of a boot-* preset, would be recorded but not done.
            bool realCkks = (c.Backend?.Contains("ckks") ?? false) || (c.Measure is { } mm && (mm.Backend ?? "ckks") == "ckks");
            string mainPreset = ck.Preset ?? "paper-n16";
            bool mlp = (c.Training?.Model ?? Vocabulary.DefaultModel(c.Training?.Recipe)) == "mlp";
            if (mlp && realCkks && (ck.Refresh ?? Vocabulary.DefaultRefresh(mainPreset)) == "bootstrap")
                Error("ckks.refresh", $"model: mlp refreshes through the client on the ckks backend (bootstrapping is not wired into the MLP yet), but the refresh here is bootstrap{(ck.Refresh is null ? $" (the default of preset '{mainPreset}')" : "")}; write refresh: client");
        }
        ValidateTraining("training", c.Training);
        for (var i = 0; i < (c.Overrides?.Count ?? 0); i++) ValidateOverride($"overrides[{i}]", c.Overrides![i], c);
        if (c.Measure is { } m)
        {
            Word("measure.backend", m.Backend, Vocabulary.Backends);
            Word("measure.preset", m.Preset, Vocabulary.CkksPresets);
            Positive("measure.samples", m.Samples);
            Positive("measure.epochs", m.Epochs);
            Positive("measure.batch", m.Batch);
            if (m.Keep is { } mk)
            {
                var keeps = c.Keep is { Count: > 0 } ? c.Keep : [Running.RunMatrix.DefaultKeep];
                foreach (var k in mk)
                    if (!keeps.Any(x => Math.Abs(x - k) < 1e-12))
                        Error("measure.keep", $"{k.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not one of the config's kept fractions (keep: [{string.Join(", ", keeps.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)))}])");
            }
        }
        if (c.Output?.Folder is { Length: 0 }) Error("output.folder", "may not be empty");
        if (_errors.Count == 0) CheckKeepPlusWindow(c);
    }

    // The selection skips the top window·N scores and keeps the next keep·N, so keep + window must not exceed 1.
    private void CheckKeepPlusWindow(ExperimentConfig c)
    {
        foreach (var p in Running.RunMatrix.Expand(c))
        {
            var r = p.Run;
            if (r.Method == "hetal" || r.Keep + r.Training.Window <= 1 + 1e-12) continue;
            Error("training.window", $"window {Num(r.Training.Window)} + keep {Num(r.Keep)} > 1 for {r.Label}: the selection would run out of samples");
            return;
        }
    }

    private void ValidateData(DataConfig? d)
    {
        if (d is null) return;
        Word("data.test_split", d.TestSplit, Vocabulary.TestSplits);
        Positive("data.limit_train", d.LimitTrain);
        Positive("data.limit_val", d.LimitVal);
        Positive("data.limit_test", d.LimitTest);
        if (d.Root is { Length: 0 }) Error("data.root", "may not be empty (omit it to use the default search path)");
    }

    private void ValidateFeatures(FeaturesConfig? f, List<string> datasets)
    {
        var hasImages = datasets.Any(d => !Vocabulary.IsText(d));
        if (f is null) return;
        Word("features.extractor", f.Extractor, Vocabulary.ImageExtractors);
        Word("features.text_extractor", f.TextExtractor, Vocabulary.TextExtractors);
        if (f.Extractor is not null && !hasImages)
            Error("features.extractor", $"'{f.Extractor}' applies to image datasets, but datasets lists none (use text_extractor for snips)");
        if (f.Extractor == "torchscript" && string.IsNullOrWhiteSpace(f.Path))
            Error("features.extractor", "torchscript needs features.path (the .pt file to load)");
        if (f.Path is not null && f.Extractor != "torchscript")
            Error("features.path", $"is only used with extractor: torchscript (extractor is '{f.Extractor ?? "mobilenet_v2 (default)"}')");
        if (f.TextExtractor == "torchscript" && string.IsNullOrWhiteSpace(f.TextPath))
            Error("features.text_extractor", "torchscript needs features.text_path (the .pt text module; its .tokenizer.json sidecar beside it, see tools/features/export_torchscript.py)");
        if (f.TextPath is not null && f.TextExtractor != "torchscript")
            Error("features.text_path", $"is only used with text_extractor: torchscript (text_extractor is '{f.TextExtractor ?? "glove (default)"}')");
        Positive("features.image_size", f.ImageSize);
        PerChannel("features.mean", f.Mean, allowZero: true);
        PerChannel("features.std", f.Std, allowZero: false);
        Word("features.normalize", f.Normalize, Vocabulary.FeatureNormalizations);
        if (f.Normalize == "l2" && f.Extractor == "raw_pixels")
            Error("features.normalize", "l2 applies to extracted features; raw_pixels are used as they are (remove normalize or pick another extractor)");
    }

    private void PerChannel(string key, List<double>? values, bool allowZero)
    {
        if (values is null) return;
        if (values.Count is not (1 or 3)) Error(key, $"has {values.Count} values; allowed: one value, or three (one per RGB channel)");
        for (var i = 0; i < values.Count; i++)
            if (!allowZero && values[i] <= 0) Error($"{key}[{i}]", $"{Num(values[i])} must be > 0");
    }

    private void ValidateTraining(string at, TrainingConfig? t)
    {
        if (t is null) return;
        Word($"{at}.recipe", t.Recipe, Vocabulary.Recipes);
        Word($"{at}.model", t.Model, Vocabulary.Models);
        Word($"{at}.optimizer", t.Optimizer, Vocabulary.Optimizers);
        Positive($"{at}.batch", t.Batch);
        Positive($"{at}.epochs", t.Epochs);
        Positive($"{at}.prune_every", t.PruneEvery);
        Positive($"{at}.patience", t.Patience);
        if (t.Lr is { } lr && !(lr > 0)) Error($"{at}.lr", $"{Num(lr)} is not a learning rate; allowed: a number > 0");
        if (t.Window is { } w && !(w >= 0 && w < 1)) Error($"{at}.window", $"{Num(w)} is outside the allowed range 0 <= window < 1");
        for (var i = 0; i < (t.Hidden?.Count ?? 0); i++)
            if (t.Hidden![i] <= 0) Error($"{at}.hidden[{i}]", $"{t.Hidden[i]} must be a layer width > 0");
        if (t.Hidden is not null && t.Model is not "mlp") Error($"{at}.hidden", "is only used with model: mlp");
    }

    private void ValidateOverride(string at, OverrideConfig o, ExperimentConfig c)
    {
        if (o.When is null) Error(at, "needs 'when' (which runs it applies to)");
        if (o.Training is null) Error(at, "needs 'training' (the values to override)");
        if (o.When is { } w)
        {
            Subset($"{at}.when.datasets", w.Datasets, c.Datasets ?? [], "datasets");
            Subset($"{at}.when.methods", w.Methods, c.Methods ?? [], "methods");
            var keeps = (c.Keep ?? [0.1]).Select(Num).ToList();
            Subset($"{at}.when.keep", w.Keep?.Select(Num).ToList(), keeps, "keep");
        }
        ValidateTraining($"{at}.training", o.Training);
    }

    private void Subset(string key, List<string>? given, List<string> declared, string what)
    {
        for (var i = 0; i < (given?.Count ?? 0); i++)
            if (!declared.Contains(given![i]))
                Error($"{key}[{i}]", $"'{given[i]}' is not in the experiment's {what}; {Suggest.Allowed(given[i], declared)}");
    }

    private void RequiredWords(string key, List<string>? values, IReadOnlyList<string> allowed)
    {
        if (values is null || values.Count == 0)
        {
            Error(key, $"is required: a list of one or more of {string.Join(", ", allowed)}");
            return;
        }
        Words(key, values, allowed);
    }

    private void Words(string key, List<string>? values, IReadOnlyList<string> allowed)
    {
        if (values is null) return;
        if (values.Count == 0) Error(key, $"may not be an empty list; allowed: {string.Join(", ", allowed)}");
        for (var i = 0; i < values.Count; i++)
            if (!allowed.Contains(values[i])) Error($"{key}[{i}]", $"'{values[i]}' is not allowed; {Suggest.Allowed(values[i], allowed)}");
        Duplicates(key, values);
    }

    private void Word(string key, string? value, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value)) Error(key, $"'{value}' is not allowed; {Suggest.Allowed(value, allowed)}");
    }

    private void Positive(string key, int? value)
    {
        if (value is { } v && v <= 0) Error(key, $"{v} must be a whole number > 0");
    }

    private void Duplicates(string key, List<string>? values)
    {
        if (values is null) return;
        foreach (var g in values.GroupBy(v => v).Where(g => g.Count() > 1))
            Error(key, $"'{g.Key}' is listed {g.Count()} times; each value may appear once");
    }

    private void Error(string key, string message)
    {
        var mark = Locate(key);
        _errors.Add(new ConfigError(_file, mark.Line, mark.Column, key, message));
    }

    private (int Line, int Column) Locate(string key)
    {
        for (var k = key; ;)
        {
            if (_positions.TryGetValue(k, out var m)) return ((int)m.Line, (int)m.Column);
            var cut = Math.Max(k.LastIndexOf('.'), k.LastIndexOf('['));
            if (cut <= 0) return _positions.TryGetValue("", out var root) ? ((int)root.Line, (int)root.Column) : (1, 1);
            k = k[..cut];
        }
    }

    private static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
