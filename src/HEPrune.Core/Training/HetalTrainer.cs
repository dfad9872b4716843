using System.Diagnostics;
using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.Packing;
using HEPrune.Core.Protocol;

namespace HEPrune.Core.Training;

/// <summary>
/// Trains a softmax classifier under encryption with HETAL's protocol: the client encrypts features and labels, the
/// server runs <see cref="HetalCircuit"/> over an explicit list of encrypted batches each epoch, the client decides
/// early stopping from encrypted validation logits, and finally decrypts the model.
/// </summary>
public static class HetalTrainer
{
    /// <summary>Runs one training and returns accuracy, counts, bytes and times.</summary>
    /// <param name="backend">Backend (evaluator for the server, client for the client, codec for the channel).</param>
    /// <param name="train">Training split.</param>
    /// <param name="validation">Validation split (early stopping).</param>
    /// <param name="test">Test split (accuracy of the decrypted model on unencrypted features, as HETAL does).</param>
    /// <param name="options">Hyperparameters.</param>
    /// <param name="hook">Optional hook called before every epoch (pruning).</param>
    /// <exception cref="ArgumentException">Splits disagree on dimension or classes, or the options are invalid.</exception>
    /// <exception cref="InvalidOperationException">Bootstrap refresh requested but the backend has no refresher.</exception>
    public static HetalResult Train(HeBackend backend, LabeledFeatures train, LabeledFeatures validation, LabeledFeatures test,
        HetalOptions options, ITrainingHook? hook = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (validation.Dimension != train.Dimension || test.Dimension != train.Dimension)
            throw new ArgumentException($"HetalTrainer: feature dimensions differ (train {train.Dimension}, validation {validation.Dimension}, test {test.Dimension}).");
        if (validation.Classes != train.Classes || test.Classes != train.Classes)
            throw new ArgumentException("HetalTrainer: class counts differ between splits.");

        long tStart = Stopwatch.GetTimestamp();
        var ev = backend.Evaluator;
        var channel = new Channel(backend.Codec);
        var client = new Client(backend.Client, channel, options.Patience);
        var server = new Server(ev, channel);
        var layout = new BlockLayout(ev.Slots, options.Batch, train.Dimension + 1, train.Classes);

        var result = new HetalResult { Backend = backend.Name, RefreshMode = options.Refresh == RefreshMode.Client ? "client" : "bootstrap" };
        var previousRefresher = ev.Refresher;
        IRefresher inner;
        if (options.Refresh == RefreshMode.Client)
        {
            inner = new ClientAidedRefresher(channel, client, ev);
            result.Deviations.Add("refresh: client-aided decrypt/re-encrypt over the channel instead of CKKS bootstrapping (counted as communication; the client sees intermediate values)");
        }
        else
        {
            inner = previousRefresher ?? throw new InvalidOperationException("HetalTrainer: RefreshMode.Bootstrap needs a refresher installed on the backend's evaluator.");
            if (backend.Name == "emulated") result.Deviations.Add("refresh: emulated bootstrap (level reset), not a real CKKS bootstrap");
        }
        if (options.Optimizer == OptimizerKind.Nesterov)
            result.Deviations.Add("optimizer: Nesterov in the inferred FISTA form of spec §1.4 (heaan_sdk's recurrence not found)");
        var timed = new TimedRefresher(inner);
        ev.Refresher = timed;
        try
        {
            var profiler = new StageProfiler(ev);
            var policy = new RefreshPolicy(ev);
            var circuit = new HetalCircuit(ev, layout, policy, profiler);
            var plan = new BatchPlan(train.Count, options.Batch, options.Seed, options.Shuffle);
            var valBatches = BatchPlan.Sequential(validation.Count, options.Batch);

            var opsBefore = ev.Counter.Snapshot();
            IReadOnlyList<EncryptedBatch> batches = client.EncryptBatches(layout, train.Rows, train.Labels, plan.Batches);
            var valCts = client.EncryptFeatureBatches(layout, validation.Rows, valBatches);
            var w0 = PlainModel.InitialWeights(train.Classes, train.Dimension + 1, options.InitStd, options.Seed);
            var model = new EncryptedModel(client.EncryptModel(layout, w0), options.Optimizer);
            var session = new HetalSession(server, client, circuit, model, plan.Batches, options);

            HeCiphertext[] best = model.W;
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                if (hook is not null) batches = hook.BeforeEpoch(session, epoch, batches);
                long cts = 0;
                foreach (int b in plan.EpochOrder(epoch, batches.Count))
                {
                    circuit.Step(model, batches[b], options.LearningRate);
                    cts += batches[b].CiphertextCount;
                    result.Steps++;
                }
                result.CiphertextsPerEpoch.Add(cts);

                var logits = new List<HeCiphertext>(valCts.Count);
                // Logits are dropped to level 0 before they leave the server (smallest message).
                foreach (var v in valCts) logits.Add(ev.DropLevel(circuit.Logits(v, EnsureWeights(circuit, model)), 0));
                var (stop, isBest, loss) = client.DecideOnValidation(epoch, logits, layout, valBatches, validation.Labels);
                result.ValidationLossPerEpoch.Add(loss);
                if (isBest) best = model.W;
                // Evaluation only (HETAL reports test accuracy of the decrypted model); not part of the protocol.
                result.TestAccuracyPerEpoch.Add(PlainSoftmaxRegression.Accuracy(client.DecryptModel(layout, model.W), test));
                result.EpochsRun = epoch + 1;
                if (options.EarlyStopping && stop) break;
            }
            result.BestEpoch = client.EarlyStopping.BestEpoch;
            var final = options.ReturnBestModel ? best : model.W;
            result.FinalWeights = client.ReceiveFinalModel(layout, Array.ConvertAll(final, w => ev.DropLevel(w, 0)));
            result.FinalAccuracy = PlainSoftmaxRegression.Accuracy(result.FinalWeights, test);

            var ops = ev.Counter.Since(opsBefore);
            result.Operations = ops.Totals();
            result.OperationsByLevel = ops.ByLevel();
            result.ClientOperations = client.Counter.Totals();
            foreach (var stage in profiler.Stages) result.OperationsByStage[stage] = profiler.Counts[stage].Totals();
            foreach (var (component, counts) in ops.Components) result.OperationsByComponent[component] = counts.ByLevel();
            result.RefreshPoints = new Dictionary<string, int>(policy.Points);
            result.BytesByMessage = new Dictionary<string, long>(channel.BytesByType);
            result.MessagesByType = new Dictionary<string, long>(channel.MessagesByType);
            result.Seconds = Times(profiler, timed, channel, Stopwatch.GetElapsedTime(tStart));
            return result;
        }
        finally
        {
            ev.Refresher = previousRefresher;
        }
    }

    private static IReadOnlyList<HeCiphertext> EnsureWeights(HetalCircuit circuit, EncryptedModel model)
    {
        bool need = false;
        foreach (var ct in model.W) need |= ct.Level - circuit.Policy.Floor < HetalCircuit.ForwardWeightDepth;
        if (!need) return model.W;
        var r = new HeCiphertext[model.W.Length];
        for (int i = 0; i < r.Length; i++) r[i] = circuit.Policy.Force(model.W[i], "weights.validation");
        model.W = r;
        return r;
    }

    /// <summary>
    /// The reported component of a profiler stage or counter scope: the softmax's stages are <c>softmax</c>, the error
    /// term belongs to <c>backward</c>, everything else (forward, update, validation, weights.refresh, prune.*) keeps its name.
    /// </summary>
    public static string ComponentOf(string stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.StartsWith("softmax", StringComparison.Ordinal) ? "softmax"
            : stage is "error" or "backward" ? "backward" : stage;
    }

    private static Dictionary<string, double> Times(StageProfiler profiler, TimedRefresher refresher, Channel channel, TimeSpan total)
    {
        var t = new Dictionary<string, double>
        {
            ["forward"] = 0, ["softmax"] = 0, ["backward"] = 0, ["update"] = 0, ["validation"] = 0, ["weights.refresh"] = 0,
        };
        foreach (var (stage, time) in profiler.Times)
        {
            string key = ComponentOf(stage);
            t[key] = t.GetValueOrDefault(key) + time.TotalSeconds;
        }
        t["refresh"] = refresher.Elapsed.TotalSeconds;
        t["communication"] = channel.Elapsed.TotalSeconds;
        t["total"] = total.TotalSeconds;
        return t;
    }
}
