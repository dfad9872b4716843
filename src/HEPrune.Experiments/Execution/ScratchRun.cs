using System.Globalization;
using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;
using HEPrune.Core.Packing;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Methods;
using HEPrune.Core.Training;
using HEPrune.Core.Training.Mlp;
using HEPrune.Experiments.Results;
using HEPrune.Features.Torch.Reference;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Execution;

/// <summary>
/// A <c>model: mlp</c> run (paper Table 3): the MLP trained from scratch on normalised raw pixels, encrypted (emulated
/// or real CKKS; <c>backend: emulated-functional</c> is the emulation's fast path, <see cref="FunctionalMlp"/>) through <see cref="MlpTrainer"/> with HEPrune's pruning, or unencrypted
/// (<c>backend: plaintext</c>: the TorchSharp reference with exact ReLU and softmax, full data or pruned by exact L1 scores).
/// </summary>
internal static class ScratchRun
{
    /// <summary>Trains <paramref name="run"/> and returns its result.</summary>
    /// <exception cref="ArgumentException">The run asks for something the MLP does not support (optimizer, early stopping,
    /// per-channel normalisation, plaintext pruning).</exception>
    public static RunResult Execute(ResolvedRun run, RunFeatures features, IProgress<RunProgress> progress, CancellationToken cancel)
    {
        var t = run.Training;
        if (t.Optimizer != "sgd")
            throw new ArgumentException($"training.optimizer: '{t.Optimizer}' is not supported with model: mlp; the MLP trains with vanilla SGD (optimizer: sgd), as the paper's Table 3 recipe");
        if (t.EarlyStopping)
            throw new ArgumentException("training.early_stopping: not supported with model: mlp (Table 3 trains a fixed number of epochs)");
        var f = Normalise(run, features);
        var options = new MlpOptions
        {
            Hidden = t.Hidden ?? [128, 128],
            LearningRate = t.Lr,
            Batch = t.Batch,
            Epochs = t.Epochs,
            Seed = run.Seed,
        };
        if (run.Backend == "plaintext") return Plaintext(run, f, options, progress, cancel);

        bool functional = run.Backend == MlpTrainer.FunctionalBackendName;
        if (functional && run.Ckks.Noise != "none")
            throw new ArgumentException($"ckks.noise: '{run.Ckks.Noise}' with backend: {MlpTrainer.FunctionalBackendName}; the functional fast path computes noise-free values (use noise: none or backend: emulated)");
        var (backend, refresh, parameters) = CreateBackend(functional ? run with { Backend = "emulated" } : run, f.Train.Dimension, f.Train.Classes, options);
        options = options with { Refresh = refresh, Functional = functional };
        var spec = PruningMethodSpec.Parse(run.Method);
        var method = new PruningMethod(spec, new PruningSchedule(run.Keep, Math.Max(1, t.PruneEvery), t.Window, run.Seed));
        var pruning = new MlpPruning(method, backend.Codec, new CamClient(backend.Client, backend.Codec));
        var r = MlpTrainer.Train(backend, f.Train, f.Val, f.Test, options, pruning, epoch =>
        {
            cancel.ThrowIfCancellationRequested();
            progress.Report(new RunProgress(0.05 + 0.95 * epoch / t.Epochs, $"epoch {epoch + 1}/{t.Epochs}"));
        });
        var result = EncryptedRun.Map(run, f, r.Summary, method, r.Summary.Backend, parameters, MlpTrainer.ComponentOf);
        var notes = new List<string>(result.Notes)
        {
            $"model: MLP {new MlpShape(f.Train.Dimension, options.Hidden, f.Train.Classes)}, activation {options.Activation.Description}, max error {options.Activation.MaxErrorOnInterval():0.###} on its interval; approximate softmax: HETAL's with {options.Softmax}",
            "validation loss per epoch: exact cross-entropy of the decrypted model's logits (evaluation only; no early stopping)",
        };
        if (run.Data.LimitTrain is not null || t.Epochs < 50)
            notes.Add($"limited run: {f.Train.Count} training samples, {t.Epochs} epochs (paper: 60,000 × 50); see docs/scratch.md for the full-scale command");
        return result with { Notes = notes };
    }

    /// <summary>Standardises pixels with the run's mean/std (one value each), default MNIST's 0.1307/0.3081.</summary>
    private static RunFeatures Normalise(ResolvedRun run, RunFeatures f)
    {
        if (run.Features.Extractor != "raw_pixels")
            throw new ArgumentException($"features.extractor: '{run.Features.Extractor}' with model: mlp; the from-scratch MLP trains on raw_pixels");
        if (run.Features.Mean is { Count: > 1 } || run.Features.Std is { Count: > 1 })
            throw new ArgumentException("features.mean/std: the MLP normalises with one value each (per-channel values are not supported)");
        double mean = run.Features.Mean?[0] ?? PixelNormalization.MnistMean;
        double std = run.Features.Std?[0] ?? PixelNormalization.MnistStd;
        var notes = new List<string>(f.Notes) { $"pixels normalised: (x − {mean.ToString(CultureInfo.InvariantCulture)})/{std.ToString(CultureInfo.InvariantCulture)}" };
        return f with
        {
            Train = PixelNormalization.Apply(f.Train, mean, std),
            Val = PixelNormalization.Apply(f.Val, mean, std),
            Test = PixelNormalization.Apply(f.Test, mean, std),
            Notes = notes,
        };
    }

    private static (HeBackend Backend, RefreshMode Refresh, IReadOnlyDictionary<string, string> Parameters) CreateBackend(
        ResolvedRun run, int dimension, int classes, MlpOptions options)
    {
        if (run.Backend != "ckks") return HeBackends.Create(run, dimension, classes);
        // Real CKKS: the MLP's own key set (every layer's DiagABT/DiagATB/Δ·W, the softmax) plus the pruning keys.
        var ckks = HeBackends.Preset(run.Ckks.Preset);
        var shape = new MlpShape(dimension, options.Hidden, classes);
        int slots = CkksBackend.ShapeOf(ckks).Slots;
        var keys = MlpKeys.KeySet(shape, slots, options.Batch);
        var dataLayout = new BlockLayout(slots, options.Batch, dimension + 1, classes);
        PruningKeys.AddTo(keys, PruningMethodSpec.Parse(run.Method), SampleRowLayout.FromBlock(dataLayout), classes);
        var description = new Dictionary<string, string>
        {
            ["preset"] = run.Ckks.Preset,
            ["ckks"] = ckks.ToString()!,
            ["refresh"] = "client-aided re-encryption (CKKS bootstrapping not yet wired)",
            ["rotation_keys"] = keys.Steps.Count.ToString(CultureInfo.InvariantCulture),
        };
        return (CkksBackend.Create(ckks, keys), RefreshMode.Client, description);
    }

    /// <summary>
    /// The unencrypted reference: the TorchSharp MLP (<see cref="MlpReferenceTrainer"/>: PyTorch's init, exact ReLU and
    /// softmax, vanilla SGD, float32), on full data or pruned as the paper's plaintext Table 3 runs (random subset at
    /// epoch 0, then every Δτ epochs the top exact L1-error samples).
    /// </summary>
    private static RunResult Plaintext(ResolvedRun run, RunFeatures f, MlpOptions options, IProgress<RunProgress> progress, CancellationToken cancel)
    {
        if (run.Method is not ("hetal" or "heprune"))
            throw new ArgumentException($"methods: '{run.Method}' with model: mlp on backend: plaintext; the plaintext MLP reference trains on full data (hetal) or pruned by exact L1 scores (heprune)");
        var shape = new MlpShape(f.Train.Dimension, options.Hidden, f.Train.Classes);
        var t = run.Training;
        var reference = new MlpReferenceOptions
        {
            Lr = options.LearningRate,
            Batch = options.Batch,
            Epochs = options.Epochs,
            Seed = run.Seed,
            Keep = run.Method == "hetal" ? 1 : run.Keep,
            PruneEvery = Math.Max(1, t.PruneEvery),
        };
        cancel.ThrowIfCancellationRequested();
        progress.Report(new RunProgress(0.05, $"TorchSharp reference, {options.Epochs} epochs"));
        var r = MlpReferenceTrainer.Train(Flat(f.Train), Flat(f.Test), options.Hidden, reference);
        const string src = Sources.Plaintext;
        int kept = reference.Keep >= 1 ? f.Train.Count : PruneSelection.KeptCount(f.Train.Count, reference.Keep);
        var perEpoch = new List<EpochAccuracy>();
        var stats = new List<EpochStats>();
        for (int e = 0; e < r.TestAccuracyPerEpoch.Count; e++)
        {
            perEpoch.Add(new EpochAccuracy(e + 1, new Sourced(100 * r.TestAccuracyPerEpoch[e], src, "%"), null, null));
            stats.Add(new EpochStats(e + 1, 0, kept, reference.Keep < 1 && e % reference.PruneEvery == 0));
        }
        return new RunResult
        {
            Backend = "plaintext",
            Samples = new SampleCounts(f.Train.Count, f.Val.Count, f.Test.Count),
            Accuracy = new AccuracySeries(perEpoch, perEpoch[r.BestEpoch].TestAccuracy!, r.BestEpoch + 1, perEpoch[^1].TestAccuracy!),
            Epochs = stats,
            Notes = new List<string>(f.Notes)
            {
                $"plaintext MLP reference {shape} (TorchSharp, float32, PyTorch's default init, exact ReLU and softmax, vanilla SGD)"
                + (reference.Keep < 1 ? $"; pruned: random subset at epoch 0, then every {reference.PruneEvery} epochs the top {kept} exact L1-error samples" : ""),
            },
        };
    }

    private static HEPrune.Core.Features.LabeledFeatures Flat(LabeledFeatures f)
    {
        int d = f.Dimension;
        var x = new float[f.Count * d];
        for (int i = 0; i < f.Count; i++) f.Rows[i].CopyTo(x, i * d);
        return new HEPrune.Core.Features.LabeledFeatures(x, f.Labels.ToArray(), d, f.Classes);
    }
}
