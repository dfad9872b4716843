using HEPrune.Core.Data;
using RawPixels = HEPrune.Core.Features.RawPixels;
using HEPrune.Core.Training;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Execution;

/// <summary>The train/validation/test features of one run, as the HE trainer consumes them.</summary>
/// <param name="Train">Training split.</param>
/// <param name="Val">Validation split (early stopping).</param>
/// <param name="Test">Test split (accuracy of the decrypted model).</param>
/// <param name="Extractor">Extractor id that produced the features.</param>
/// <param name="Notes">Facts worth keeping in the record (data source, warnings, caps, cache use).</param>
public sealed record RunFeatures(LabeledFeatures Train, LabeledFeatures Val, LabeledFeatures Test, string Extractor, IReadOnlyList<string> Notes);

/// <summary>Loads a run's dataset with HETAL's splits and turns it into features (extracted or cached).</summary>
public static class RunFeatureLoader
{
    /// <summary>Loads data and features for <paramref name="run"/>, applying its sample caps.</summary>
    /// <exception cref="DatasetNotFoundException">The dataset is not on this machine (the message says where it looked).</exception>
    /// <exception cref="ArgumentException">The extractor cannot read this dataset.</exception>
    public static RunFeatures Load(ResolvedRun run, Action<string>? log, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(run);
        var id = DatasetIds.Parse(run.Dataset);
        var options = new DataLoadOptions
        {
            DataRoot = run.Data.Root,
            Cifar10Test = run.Data.TestSplit == "holdout" ? Cifar10TestSplit.Holdout : Cifar10TestSplit.Official,
        };
        var data = LoadOnce(id, options, log);
        var notes = new List<string> { $"data: {data.Source}" };
        notes.AddRange(data.Warnings.Select(w => "data warning: " + w));
        cancel.ThrowIfCancellationRequested();

        var (train, val, test, extractor) = run.Features.Extractor switch
        {
            "raw_pixels" => (RawPixels.From(data.Train, data.NumClasses), RawPixels.From(data.Val, data.NumClasses), RawPixels.From(data.Test, data.NumClasses), "raw_pixels"),
            _ => ExtractedFeatures.Load(run, data, log, notes, cancel),
        };
        train = Cap(train, run.Data.LimitTrain, "train", notes);
        val = Cap(val, run.Data.LimitVal, "val", notes);
        test = Cap(test, run.Data.LimitTest, "test", notes);
        return new RunFeatures(train, val, test, extractor, notes);
    }

    // A matrix runs many methods, keeps and seeds on the same dataset one after another: keep the last one loaded
    // instead of re-reading and re-decoding it for every run (CIFAR-10 is 340 MB decoded).
    private static readonly object s_lock = new();
    private static (DatasetId Id, DataLoadOptions Options, DatasetSplits Data)? s_last;

    private static DatasetSplits LoadOnce(DatasetId id, DataLoadOptions options, Action<string>? log)
    {
        lock (s_lock)
        {
            if (s_last is { } last && last.Id == id && last.Options == options) return last.Data;
            log?.Invoke($"loading {id.Name()}");
            var data = DatasetLoader.Load(id, options);
            s_last = (id, options, data);
            return data;
        }
    }

    private static LabeledFeatures Cap(LabeledFeatures f, int? limit, string split, List<string> notes)
    {
        if (limit is not int n || n >= f.Count) return f;
        notes.Add($"{split}: first {n} of {f.Count} samples (data.limit_{split})");
        return new LabeledFeatures(f.Rows.Take(n).ToArray(), f.Labels.Take(n).ToArray(), f.Classes);
    }
}
