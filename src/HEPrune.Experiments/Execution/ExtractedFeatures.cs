using HEPrune.Core.Data;
using HEPrune.Core.Features;
using HEPrune.Experiments.Running;
using HEPrune.Features.Torch.Native;
using HEPrune.Features.Torch.Pipeline;
using TrainingFeatures = HEPrune.Core.Training.LabeledFeatures;

namespace HEPrune.Experiments.Execution;

/// <summary>Features from a pre-trained extractor (MobileNetV2, GloVe or TorchScript), through the on-disk feature cache.</summary>
internal static class ExtractedFeatures
{
    /// <summary>Extracts (or loads from the cache) all three splits of <paramref name="data"/>.</summary>
    public static (TrainingFeatures Train, TrainingFeatures Val, TrainingFeatures Test, string Extractor) Load(
        ResolvedRun run, DatasetSplits data, Action<string>? log, List<string> notes, CancellationToken cancel)
    {
        TorchNative.EnsureLoaded();
        bool text = data.Train.Texts is not null;
        string? name = run.Features.Extractor; // glove or torchscript for text (features.text_extractor), the image extractor otherwise
        var options = new ExtractorOptions
        {
            Extractor = name,
            Size = text ? null : run.Features.ImageSize,
            TorchScriptPath = run.Features.Path,
            Mean = run.Features.Mean?.ToArray(),
            Std = run.Features.Std?.ToArray(),
            Normalize = run.Features.Normalize == "l2" ? FeatureNormalization.L2 : FeatureNormalization.None,
        }.Resolve(data.Id);
        using var extractor = FeaturePipeline.Create(options, log);
        var cache = FeatureCache.Default(log);
        var progress = log is null ? null : new Progress<ExtractionProgress>(p => log($"features {p}"));
        var f = FeaturePipeline.Extract(data, extractor, cache, null, options.Batch, progress, options.Normalize ?? FeatureNormalization.None, options.NormTarget, cancel);
        foreach (var e in f.Entries)
            notes.Add($"features {e.Sidecar.Split}: {e.Rows}×{e.Dim} {extractor.Id} ({(e.FromCache ? "cache" : "extracted")}: {e.Path})");
        return (Convert(f.Train), Convert(f.Val), Convert(f.Test), extractor.Id);
    }

    /// <summary>Flat row-major features → one array per row, as the trainer takes them.</summary>
    public static TrainingFeatures Convert(LabeledFeatures f)
    {
        var rows = new float[f.Rows][];
        for (int i = 0; i < rows.Length; i++) rows[i] = f.X.AsSpan(i * f.Dim, f.Dim).ToArray();
        return new TrainingFeatures(rows, f.Y, f.Classes);
    }
}
