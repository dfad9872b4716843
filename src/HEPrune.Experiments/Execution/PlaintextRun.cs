using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;
using HEPrune.Features.Torch.Reference;
using FlatFeatures = HEPrune.Core.Features.LabeledFeatures;
using TrainingFeatures = HEPrune.Core.Training.LabeledFeatures;

namespace HEPrune.Experiments.Execution;

/// <summary>
/// The unencrypted reference (Table 1's "Unencrypted" row): the same features trained in plaintext with TorchSharp,
/// exact softmax and exact scores (L1 for HEFS-based methods, L2 for EL2N-based ones), as HEPrune's accuracy scripts do.
/// </summary>
internal static class PlaintextRun
{
    /// <summary>Trains <paramref name="run"/> in plaintext and returns its result.</summary>
    public static RunResult Execute(ResolvedRun run, RunFeatures f, IProgress<RunProgress> progress, CancellationToken cancel)
    {
        var t = run.Training;
        var recipe = new ReferenceRecipe
        {
            Lr = t.Lr,
            Batch = t.Batch,
            Epochs = t.Epochs,
            Nesterov = t.Optimizer == "nesterov",
            Momentum = t.Optimizer == "nesterov" ? 0.9 : 0,
            Keep = run.Method == "hetal" ? 1.0 : run.Keep,
            PruneEvery = Math.Max(1, t.PruneEvery),
            Window = t.Window,
            Score = run.Method is "client_aided" or "prune_baseline" ? ErrorScore.L2 : ErrorScore.L1,
            Patience = t.EarlyStopping ? t.Patience : 0,
            Seed = run.Seed,
        };
        var epochs = new List<EpochRecord>();
        var result = ReferenceTrainer.Train(Flat(f.Train), Flat(f.Test), recipe, Flat(f.Val), e =>
        {
            cancel.ThrowIfCancellationRequested();
            epochs.Add(e);
            progress.Report(new RunProgress(0.05 + 0.95 * (e.Epoch + 1) / t.Epochs, $"epoch {e.Epoch + 1}/{t.Epochs}"));
        });
        const string src = Sources.Plaintext;
        var notes = new List<string>(f.Notes) { $"features: {f.Extractor}, {f.Train.Dimension}-d", "plaintext reference trainer (TorchSharp, exact softmax)" };
        if (run.Method == "random") notes.Add("plaintext reference has no random-pruning mode: scores were used");
        return new RunResult
        {
            Backend = "plaintext",
            Samples = new SampleCounts(f.Train.Count, f.Val.Count, f.Test.Count),
            Accuracy = new AccuracySeries(
                epochs.Select(e => new EpochAccuracy(e.Epoch + 1, new Sourced(100 * e.TestAccuracy, src, "%"), null,
                    double.IsNaN(e.ValLoss) ? null : new Sourced(e.ValLoss, src))).ToList(),
                new Sourced(100 * result.BestTestAccuracy, src, "%"), result.BestEpoch + 1,
                new Sourced(100 * (epochs.Count > 0 ? epochs[^1].TestAccuracy : 0), src, "%")),
            Epochs = epochs.Select(e => new EpochStats(e.Epoch + 1, 0, e.Kept, e.Reselected)).ToList(),
            Notes = notes,
        };
    }

    private static FlatFeatures Flat(TrainingFeatures f)
    {
        int d = f.Dimension;
        var x = new float[f.Count * d];
        for (int i = 0; i < f.Count; i++) f.Rows[i].CopyTo(x, i * d);
        return new FlatFeatures(x, f.Labels.ToArray(), d, f.Classes);
    }
}
