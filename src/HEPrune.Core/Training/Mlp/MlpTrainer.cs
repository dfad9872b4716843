using System.Diagnostics;
using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.Protocol;

namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// Trains the MLP from scratch under encryption: the client encrypts the data batches and the initial weights, the
/// server runs <see cref="MlpCircuit"/> over the batches of each epoch (chosen by the optional pruning), and the
/// client decrypts the final model. No early stopping (Table 3 trains a fixed number of epochs).
/// </summary>
/// <remarks>
/// Per-epoch test accuracy and validation loss come from the model the client decrypts outside the protocol
/// (evaluation only, not counted as communication), as <see cref="HetalTrainer"/> does for test accuracy. Inference uses
/// the same polynomial activation the network was trained with.
/// </remarks>
public static class MlpTrainer
{
    /// <summary>The backend name of runs on the functional fast path (<see cref="FunctionalMlp"/>).</summary>
    public const string FunctionalBackendName = "emulated-functional";

    /// <summary>Runs one training and returns accuracy, counts, bytes, times and the final weights.</summary>
    /// <param name="backend">Backend (evaluator for the server, client for the client, codec for the channel).</param>
    /// <param name="train">Training split (features already normalised).</param>
    /// <param name="validation">Validation split (loss per epoch, reported only).</param>
    /// <param name="test">Test split.</param>
    /// <param name="options">Hyperparameters.</param>
    /// <param name="pruning">Optional pruning (null trains on all data every epoch).</param>
    /// <param name="beforeEpoch">Optional callback before every epoch (progress, cancellation).</param>
    /// <exception cref="ArgumentException">Splits disagree on dimension or classes, or the options are invalid.</exception>
    /// <exception cref="InvalidOperationException">Bootstrap refresh requested but the backend has no refresher.</exception>
    public static MlpResult Train(HeBackend backend, LabeledFeatures train, LabeledFeatures validation, LabeledFeatures test,
        MlpOptions options, MlpPruning? pruning = null, Action<int>? beforeEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (validation.Dimension != train.Dimension || test.Dimension != train.Dimension)
            throw new ArgumentException($"MlpTrainer: feature dimensions differ (train {train.Dimension}, validation {validation.Dimension}, test {test.Dimension}).");
        if (validation.Classes != train.Classes || test.Classes != train.Classes)
            throw new ArgumentException("MlpTrainer: class counts differ between splits.");

        long tStart = Stopwatch.GetTimestamp();
        var ev = backend.Evaluator;
        var shape = new MlpShape(train.Dimension, options.Hidden, train.Classes);
        var channel = new Channel(backend.Codec);
        var client = new Client(backend.Client, channel);
        if (options.Functional && (backend.Name != "emulated" || options.Refresh != RefreshMode.Bootstrap))
            throw new ArgumentException($"MlpTrainer: the functional fast path needs the emulated backend with bootstrap-style refresh (got backend '{backend.Name}', refresh {options.Refresh}).");
        var result = new HetalResult { Backend = options.Functional ? FunctionalBackendName : backend.Name, RefreshMode = options.Refresh == RefreshMode.Client ? "client" : "bootstrap" };
        var previousRefresher = ev.Refresher;
        IRefresher inner;
        if (options.Refresh == RefreshMode.Client)
        {
            inner = new ClientAidedRefresher(channel, client, ev);
            result.Deviations.Add("refresh: client-aided decrypt/re-encrypt over the channel instead of CKKS bootstrapping (counted as communication; the client sees intermediate values)");
        }
        else
        {
            inner = previousRefresher ?? throw new InvalidOperationException("MlpTrainer: RefreshMode.Bootstrap needs a refresher installed on the backend's evaluator.");
            if (backend.Name == "emulated") result.Deviations.Add("refresh: emulated bootstrap (level reset), not a real CKKS bootstrap");
        }
        result.Deviations.Add($"activation: ReLU approximated by {options.Activation.Description}; the paper's approximation is not published; softmax: HETAL's approximation with {options.Softmax}");
        result.Deviations.Add("optimizer: vanilla SGD without momentum or weight decay");
        if (options.Functional)
            result.Deviations.Add("emulated-functional: values by float64 matrix math with the circuit's approximations (polynomial ReLU, approximate softmax); operation counts, stage counts and refresh points charged per step from the emulated circuit, which runs once per level signature (docs/scratch.md)");
        var timed = new TimedRefresher(inner);
        ev.Refresher = timed;
        try
        {
            var profiler = new StageProfiler(ev);
            var policy = new RefreshPolicy(ev);
            var circuit = new MlpCircuit(ev, shape, options.Batch, options.Activation, policy, profiler, options.Softmax);
            var plan = new BatchPlan(train.Count, options.Batch, options.Seed, options.Shuffle);

            var opsBefore = ev.Counter.Snapshot();
            IReadOnlyList<EncryptedBatch> batches = client.EncryptBatches(circuit.DataLayout, train.Rows, train.Labels, plan.Batches);
            var w0 = PlainMlp.InitialWeights(shape, options.Seed);
            var layers = new HeCiphertext[shape.Layers][];
            for (int l = 0; l < shape.Layers; l++) layers[l] = client.EncryptModel(circuit.Layouts[l], w0[l]);
            var model = new EncryptedMlp(layers);
            var fast = options.Functional ? new FunctionalMlp(circuit, model) : null;
            var evaluation = new MlpEvaluation(shape, options.Activation);
            Func<EncryptedBatch, HeCiphertext> probabilities = fast is null ? b => circuit.Forward(b, model).P : fast.Probabilities;

            var maxLogits = new List<double>();
            var maxPreActivations = new List<double[]>();
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                beforeEpoch?.Invoke(epoch);
                if (pruning is not null) batches = pruning.BeforeEpoch(epoch, batches, circuit, probabilities, channel);
                long cts = 0;
                foreach (int b in plan.EpochOrder(epoch, batches.Count))
                {
                    if (fast is null) circuit.Step(model, batches[b], options.LearningRate, pruning?.SamplesPerBatch[b]);
                    else fast.Step(batches[b], options.LearningRate, pruning?.SamplesPerBatch[b]);
                    cts += batches[b].CiphertextCount;
                    result.Steps++;
                }
                result.CiphertextsPerEpoch.Add(cts);
                // Evaluation only: the client decrypts the current model outside the protocol.
                var current = fast?.Weights() ?? Decrypt(client, circuit, model);
                var onTest = evaluation.Evaluate(current, test);
                var zTest = evaluation.LastMaxPreActivation;
                var onValidation = evaluation.Evaluate(current, validation);
                var zValidation = evaluation.LastMaxPreActivation;
                maxPreActivations.Add(zTest.Select((v, l) => Math.Max(v, zValidation[l])).ToArray());
                result.TestAccuracyPerEpoch.Add(onTest.Accuracy);
                result.ValidationLossPerEpoch.Add(onValidation.Loss);
                maxLogits.Add(Math.Max(onTest.MaxLogit, onValidation.MaxLogit));
                result.EpochsRun = epoch + 1;
                if (!double.IsFinite(onValidation.Loss) || !double.IsFinite(maxLogits[^1]))
                {
                    // The approximate softmax is only valid for |logit| ≤ R_max; beyond it its polynomials overflow and
                    // the weights become NaN, after which nothing is left to train.
                    result.Deviations.Add($"diverged: training stopped after epoch {epoch + 1} of {options.Epochs}, the weights are no longer finite (the logits left the approximate softmax's domain ±{options.Softmax.RMax})");
                    break;
                }
            }
            var final = new double[shape.Layers][,];
            if (fast is not null) model = fast.Model();
            for (int l = 0; l < shape.Layers; l++)
                final[l] = client.ReceiveFinalModel(circuit.Layouts[l], Array.ConvertAll(model.Layers[l], w => ev.DropLevel(w, 0)));
            result.FinalAccuracy = evaluation.Evaluate(final, test).Accuracy;
            int best = 0;
            for (int e = 1; e < result.ValidationLossPerEpoch.Count; e++) if (result.ValidationLossPerEpoch[e] < result.ValidationLossPerEpoch[best]) best = e;
            result.BestEpoch = best;

            result.Deviations.Add("max |logit| per epoch (validation and test, decrypted model; the approximate softmax needs ≤ " + options.Softmax.RMax + "): "
                + string.Join(", ", maxLogits.Select(v => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))));
            result.Deviations.Add($"max |pre-activation| per epoch, hidden layers separated by / (validation and test, decrypted model; the ReLU approximation needs ≤ {options.Activation.Radius}): "
                + string.Join(", ", maxPreActivations.Select(z => string.Join("/", z.Select(v => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))))));
            var ops = ev.Counter.Since(opsBefore);
            result.Operations = ops.Totals();
            result.OperationsByLevel = ops.ByLevel();
            foreach (var (component, counts) in ops.Components) result.OperationsByComponent[component] = counts.ByLevel();
            result.ClientOperations = client.Counter.Totals();
            var stages = new Dictionary<string, OpCounter>();
            foreach (var stage in profiler.Stages) stages[stage] = profiler.Counts[stage].Snapshot();
            var points = new Dictionary<string, int>(policy.Points);
            if (fast is not null)
            {
                foreach (var (stage, counter) in fast.Stages)
                {
                    if (!stages.TryGetValue(stage, out var acc)) stages[stage] = acc = new OpCounter();
                    acc.Merge(counter);
                }
                foreach (var (point, n) in fast.Points) points[point] = points.GetValueOrDefault(point) + n;
                result.Deviations.Add($"emulated-functional: {fast.CircuitRuns} steps/forward passes ran the emulated circuit, {fast.FunctionalRuns} the matrix math");
            }
            foreach (var (stage, counter) in stages) result.OperationsByStage[stage] = counter.Totals();
            result.RefreshPoints = points;
            result.BytesByMessage = new Dictionary<string, long>(channel.BytesByType);
            result.MessagesByType = new Dictionary<string, long>(channel.MessagesByType);
            result.Seconds = Times(profiler, timed, channel, Stopwatch.GetElapsedTime(tStart));
            return new MlpResult(result, final);
        }
        finally
        {
            ev.Refresher = previousRefresher;
        }
    }

    /// <summary>
    /// Maps a circuit stage to its time/operation component: <c>softmax.*</c> → softmax, <c>forward.l</c> → forward,
    /// <c>weights.*</c> → weights.refresh, <c>error</c>/<c>backward.l</c>/<c>backprop.l</c> → backward; others (update,
    /// pruning scopes) keep their name.
    /// </summary>
    public static string ComponentOf(string stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return stage.StartsWith("softmax", StringComparison.Ordinal) ? "softmax"
            : stage.StartsWith("forward", StringComparison.Ordinal) ? "forward"
            : stage.StartsWith("weights", StringComparison.Ordinal) ? "weights.refresh"
            : stage == "error" || stage.StartsWith("back", StringComparison.Ordinal) ? "backward" : stage;
    }

    /// <summary>Decrypts every layer's weights (evaluation only, not part of the protocol).</summary>
    public static double[][,] Decrypt(Client client, MlpCircuit circuit, EncryptedMlp model)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(model);
        var w = new double[model.Layers.Length][,];
        for (int l = 0; l < w.Length; l++) w[l] = client.DecryptModel(circuit.Layouts[l], model.Layers[l]);
        return w;
    }

    private static Dictionary<string, double> Times(StageProfiler profiler, TimedRefresher refresher, Channel channel, TimeSpan total)
    {
        var t = new Dictionary<string, double> { ["forward"] = 0, ["softmax"] = 0, ["backward"] = 0, ["update"] = 0, ["weights.refresh"] = 0 };
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
