using HEPrune.Experiments.Config;

namespace HEPrune.Experiments.Running;

/// <summary>Expands a config into its runs: dataset × method × keep × seed × backend, plus measuring runs.</summary>
public static class RunMatrix
{
    /// <summary>Default kept fraction when <c>keep</c> is omitted (the paper's p = 0.9).</summary>
    public const double DefaultKeep = 0.1;

    /// <summary>Returns the planned runs of <paramref name="c"/> in a deterministic order.</summary>
    /// <remarks>
    /// <c>hetal</c> trains on all data: it is expanded once per dataset, seed and backend with keep = 1. With
    /// <c>measure</c>, each dataset × method × keep (first seed, or every seed with all_seeds) also gets a reduced-scale run
    /// on the measuring backend plus its emulated twin at the same scale, so the report can validate one against the other
    /// (<c>measure.keep</c> limits the kept fractions measured; hetal is always measured).
    /// </remarks>
    public static IReadOnlyList<PlannedRun> Expand(ExperimentConfig c)
    {
        var keeps = c.Keep is { Count: > 0 } ? c.Keep : [DefaultKeep];
        var seeds = c.Seeds is { Count: > 0 } ? c.Seeds : [0];
        var backends = c.Backend is { Count: > 0 } ? c.Backend : ["emulated"];
        var runs = new List<PlannedRun>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dataset in c.Datasets ?? [])
        foreach (var method in c.Methods ?? [])
        foreach (var keep in method == "hetal" ? [1.0] : keeps)
        foreach (var seed in seeds)
        {
            foreach (var backend in backends)
                Add(Resolve(c, dataset, method, keep, seed, backend, "main"));
            if (c.Measure is { } m && (m.AllSeeds == true || seed == seeds[0])
                && (method == "hetal" || m.Keep is null || m.Keep.Any(k => Math.Abs(k - keep) < 1e-12)))
            {
                var backend = m.Backend ?? "ckks";
                Add(MeasureVariant(Resolve(c, dataset, method, keep, seed, backend, "measure"), m, c.Ckks?.Refresh));
                // The emulated twin at the same reduced scale: the reference the measured run is validated against.
                if (backend != "emulated") Add(MeasureVariant(Resolve(c, dataset, method, keep, seed, "emulated", "measure"), m, c.Ckks?.Refresh));
            }
        }
        return runs;

        void Add(ResolvedRun r)
        {
            var p = PlannedRun.Of(r);
            if (seen.Add(p.Id)) runs.Add(p);
        }
    }

    /// <summary>Resolves one cell of the matrix: applies dataset defaults, then the config, then matching overrides.</summary>
    public static ResolvedRun Resolve(ExperimentConfig c, string dataset, string method, double keep, int seed, string backend, string role)
    {
        var t = c.Training ?? new TrainingConfig();
        foreach (var o in c.Overrides ?? [])
            if (Matches(o.When, dataset, method, keep) && o.Training is { } ot) t = Merge(t, ot);
        var recipe = t.Recipe ?? "heprune";
        var row = DatasetDefaults.For(recipe, dataset, method);
        var model = t.Model ?? Vocabulary.DefaultModel(recipe);
        var training = new ResolvedTraining(
            recipe, model, model == "mlp" ? (t.Hidden ?? [.. DatasetDefaults.MlpHidden]) : null,
            t.Batch ?? row.Batch, t.Epochs ?? row.Epochs, t.Lr ?? row.Lr, t.Optimizer ?? "nesterov",
            t.PruneEvery ?? row.PruneEvery, t.Window ?? row.Window, t.EarlyStopping ?? false, t.Patience ?? DatasetDefaults.Patience,
            model == "mlp" && backend != "plaintext" ? HEPrune.Core.Training.Mlp.MlpOptions.ApproximationsId(new HEPrune.Core.Training.Mlp.MlpOptions()) : null);

        var d = c.Data ?? new DataConfig();
        var f = c.Features ?? new FeaturesConfig();
        var features = Vocabulary.IsText(dataset)
            ? new ResolvedFeatures(f.TextExtractor ?? "glove", f.TextExtractor == "torchscript" ? f.TextPath : null, null, null, null, f.Normalize ?? "none")
            : new ResolvedFeatures(f.Extractor ?? "mobilenet_v2", f.Path, f.ImageSize, f.Mean, f.Std,
                f.Normalize ?? Vocabulary.DefaultNormalize(dataset, f.Extractor ?? "mobilenet_v2"));
        return new ResolvedRun
        {
            Role = role,
            Dataset = dataset,
            Method = method,
            Keep = keep,
            Seed = seed,
            Backend = backend,
            Data = new ResolvedData(d.Root, d.TestSplit ?? "official", d.LimitTrain, d.LimitVal, d.LimitTest),
            Features = features,
            Training = training,
            Ckks = new ResolvedCkks(c.Ckks?.Preset ?? "paper-n16", c.Ckks?.Noise ?? "none", c.Ckks?.Refresh ?? Vocabulary.DefaultRefresh(c.Ckks?.Preset ?? "paper-n16")),
        };
    }

    // explicitRefresh: ckks.refresh as written (null: the default of the run's own preset, which measure.preset may change).
    private static ResolvedRun MeasureVariant(ResolvedRun r, MeasureConfig m, string? explicitRefresh)
    {
        var samples = m.Samples ?? 1024;
        var preset = m.Preset ?? r.Ckks.Preset;
        return r with
        {
            Data = r.Data with
            {
                LimitTrain = Min(r.Data.LimitTrain, samples),
                LimitVal = Min(r.Data.LimitVal, samples),
                LimitTest = Min(r.Data.LimitTest, samples),
            },
            Training = r.Training with { Epochs = m.Epochs ?? 1, Batch = m.Batch ?? r.Training.Batch },
            Ckks = r.Ckks with { Preset = preset, Refresh = explicitRefresh ?? Vocabulary.DefaultRefresh(preset) },
        };
    }

    private static int Min(int? a, int b) => a is { } x ? Math.Min(x, b) : b;

    private static bool Matches(OverrideMatch? w, string dataset, string method, double keep) =>
        w is not null
        && (w.Datasets is null || w.Datasets.Contains(dataset))
        && (w.Methods is null || w.Methods.Contains(method))
        && (w.Keep is null || w.Keep.Any(k => Math.Abs(k - keep) < 1e-12));

    private static TrainingConfig Merge(TrainingConfig a, TrainingConfig b) => new()
    {
        Recipe = b.Recipe ?? a.Recipe,
        Model = b.Model ?? a.Model,
        Hidden = b.Hidden ?? a.Hidden,
        Batch = b.Batch ?? a.Batch,
        Epochs = b.Epochs ?? a.Epochs,
        Lr = b.Lr ?? a.Lr,
        Optimizer = b.Optimizer ?? a.Optimizer,
        PruneEvery = b.PruneEvery ?? a.PruneEvery,
        Window = b.Window ?? a.Window,
        EarlyStopping = b.EarlyStopping ?? a.EarlyStopping,
        Patience = b.Patience ?? a.Patience,
    };
}
