using System.Globalization;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Protocol;
using HEPrune.Core.Pruning.Methods;
using HEPrune.Core.Training;
using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Execution;

/// <summary>One HETAL (+ HEPrune) training through the backend-neutral evaluator, mapped to a result record.</summary>
internal static class EncryptedRun
{
    /// <summary>Message types the server sends to the client (the paper's communication column counts these).</summary>
    private static readonly HashSet<string> ServerToClient = new(StringComparer.Ordinal)
    {
        MessageType.ValidationLogits, MessageType.RefreshRequest, MessageType.FinalModel, CamExchange.ScoresMessage,
    };

    /// <summary>Trains <paramref name="run"/> on <paramref name="features"/> and returns its result.</summary>
    public static RunResult Execute(ResolvedRun run, RunFeatures features, IProgress<RunProgress> progress, CancellationToken cancel)
    {
        var (backend, refresh, parameters) = HeBackends.Create(run, features.Train.Dimension, features.Train.Classes);
        var options = new HetalOptions
        {
            LearningRate = run.Training.Lr,
            Batch = run.Training.Batch,
            Epochs = run.Training.Epochs,
            Optimizer = run.Training.Optimizer == "sgd" ? OptimizerKind.Vanilla : OptimizerKind.Nesterov,
            EarlyStopping = run.Training.EarlyStopping,
            Patience = run.Training.Patience,
            Seed = run.Seed,
            Refresh = refresh,
        };
        var spec = PruningMethodSpec.Parse(run.Method);
        var method = new PruningMethod(spec, new PruningSchedule(run.Keep, Math.Max(1, run.Training.PruneEvery), run.Training.Window, run.Seed));
        var hook = new PruningHook(method, backend.Codec, new CamClient(backend.Client, backend.Codec));
        var observed = new ObservedHook(hook, run.Training.Epochs, progress, cancel);

        var r = HetalTrainer.Train(backend, features.Train, features.Val, features.Test, options, observed);
        return Map(run, features, r, method, backend.Name, parameters);
    }

    internal static RunResult Map(ResolvedRun run, RunFeatures f, HetalResult r, PruningMethod method, string backend, IReadOnlyDictionary<string, string> parameters,
        Func<string, string>? componentOf = null)
    {
        string src = Sources.ForBackend(backend);
        var perEpoch = new List<EpochAccuracy>();
        for (int e = 0; e < r.TestAccuracyPerEpoch.Count; e++)
            perEpoch.Add(new EpochAccuracy(e + 1, new Sourced(100 * r.TestAccuracyPerEpoch[e], src, "%"), null,
                e < r.ValidationLossPerEpoch.Count ? new Sourced(r.ValidationLossPerEpoch[e], src) : null));
        int bestIdx = 0;
        for (int e = 1; e < r.TestAccuracyPerEpoch.Count; e++) if (r.TestAccuracyPerEpoch[e] > r.TestAccuracyPerEpoch[bestIdx]) bestIdx = e;

        var epochs = new List<EpochStats>();
        for (int e = 0; e < r.CiphertextsPerEpoch.Count; e++)
        {
            var last = method.Records.LastOrDefault(x => x.Epoch <= e);
            epochs.Add(new EpochStats(e + 1, (int)r.CiphertextsPerEpoch[e], last?.KeptSamples ?? f.Train.Count,
                method.Records.Any(x => x.Epoch == e && x.Selection != "full")));
        }

        var time = r.Seconds.Select(kv => new ComponentTime(kv.Key, new Sourced(kv.Value, src, "s"))).ToList();
        foreach (var component in method.Records.SelectMany(x => x.Seconds.Keys).Distinct())
            time.Add(new ComponentTime("prune." + component, new Sourced(method.Records.Sum(x => x.Seconds.GetValueOrDefault(component)), src, "s")));

        var ops = AttributedOperations(r.OperationsByLevel, r.OperationsByComponent, componentOf ?? HetalTrainer.ComponentOf, src);

        var messages = r.BytesByMessage.Select(kv => new MessageBytes(kv.Key,
            ServerToClient.Contains(kv.Key) ? "server_to_client" : "client_to_server",
            r.MessagesByType.GetValueOrDefault(kv.Key), kv.Value, src)).ToList();

        var notes = new List<string>(f.Notes) { $"features: {f.Extractor}, {f.Train.Dimension}-d", $"refresh: {r.RefreshMode}" };
        notes.AddRange(r.Deviations.Select(d => "deviation: " + d));
        if (backend is "emulated" or "emulated-functional")
            notes.Add("projection caveat: Refresh is priced from the calibration's Refresh entry, a client-aided re-encryption round trip; a real CKKS bootstrap costs far more (issue 8)");
        notes.Add($"epochs run: {r.EpochsRun}, steps: {r.Steps}, best validation-loss epoch: {r.BestEpoch + 1}");
        int diverged = r.ValidationLossPerEpoch.ToList().FindIndex(v => !double.IsFinite(v) || v > 1e3);
        if (diverged >= 0)
            notes.Add($"warning: training diverged at epoch {diverged + 1} (validation loss {r.ValidationLossPerEpoch[diverged]:G4}): the logits left the approximate softmax's domain (±{HEPrune.Core.Circuits.SoftmaxApproximation.RMax}). Scale the features down (features.normalize: l2) or lower the learning rate.");
        return new RunResult
        {
            Backend = backend,
            CkksParameters = parameters,
            Samples = new SampleCounts(f.Train.Count, f.Val.Count, f.Test.Count),
            Accuracy = new AccuracySeries(perEpoch, new Sourced(100 * r.BestAccuracy, src, "%"), bestIdx + 1, new Sourced(100 * r.FinalAccuracy, src, "%")),
            Epochs = epochs,
            Time = time,
            Operations = ops,
            Messages = messages,
            Notes = notes,
        };
    }

    /// <summary>
    /// Operation counts per kind and level, split by component (mapped with <paramref name="componentOf"/>); what no
    /// component holds stays without one (the projection's <c>unattributed</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The components hold more operations of a kind and level than the total.</exception>
    internal static List<OpCount> AttributedOperations(
        IReadOnlyDictionary<string, Dictionary<string, long>> byLevel,
        IReadOnlyDictionary<string, Dictionary<string, Dictionary<string, long>>> byComponent,
        Func<string, string> componentOf, string source)
    {
        var rest = new Dictionary<(string Kind, int Level), long>();
        foreach (var (kind, levels) in byLevel)
            foreach (var (level, count) in levels)
                rest[(kind, int.Parse(level, CultureInfo.InvariantCulture))] = count;
        var attributed = new SortedDictionary<(string Component, string Kind, int Level), long>();
        foreach (var (scope, kinds) in byComponent)
            foreach (var (kind, levels) in kinds)
                foreach (var (level, count) in levels)
                {
                    var key = (componentOf(scope), kind, int.Parse(level, CultureInfo.InvariantCulture));
                    attributed[key] = attributed.GetValueOrDefault(key) + count;
                    long left = rest.GetValueOrDefault((kind, key.Item3)) - count;
                    if (left < 0)
                        throw new InvalidOperationException($"Operation counts: component '{scope}' holds more {kind}@{level} than the run's total.");
                    rest[(kind, key.Item3)] = left;
                }
        var ops = new List<OpCount>();
        foreach (var ((component, kind, level), count) in attributed) ops.Add(new OpCount(kind, level, count, source, component));
        foreach (var ((kind, level), count) in rest.OrderBy(x => x.Key.Kind, StringComparer.Ordinal).ThenBy(x => x.Key.Level))
            if (count > 0) ops.Add(new OpCount(kind, level, count, source));
        return ops;
    }

    /// <summary>Reports epoch progress and honours cancellation between epochs, around the pruning hook.</summary>
    private sealed class ObservedHook(ITrainingHook inner, int epochs, IProgress<RunProgress> progress, CancellationToken cancel) : ITrainingHook
    {
        public IReadOnlyList<EncryptedBatch> BeforeEpoch(HetalSession session, int epoch, IReadOnlyList<EncryptedBatch> batches)
        {
            cancel.ThrowIfCancellationRequested();
            progress.Report(new RunProgress(0.05 + 0.95 * epoch / epochs, $"epoch {epoch + 1}/{epochs}"));
            return inner.BeforeEpoch(session, epoch, batches);
        }
    }
}
