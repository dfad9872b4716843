using System.Diagnostics;
using HEPrune.Core.He;
using HEPrune.Core.Pruning.Compaction;
using HEPrune.Core.Pruning.Cwp;
using HEPrune.Core.Pruning.Scores;
using HEPrune.Core.Pruning.Selection;
using HEPrune.Core.Pruning.Sorting;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// A pruning method the trainer calls at the start of every epoch: at pruning epochs it re-selects the training set
/// from the full encrypted data set and returns the new batch groups, recording kept samples, ciphertexts, time,
/// operation counts and bytes per component; between pruning epochs it returns the previous result.
/// </summary>
/// <remarks>
/// Every pruning method starts from a uniformly random subset of k = ⌈N·keep⌉ samples at its first round (no warm-up,
/// spec §3.6); later rounds re-score all N samples with the current model. Without CWP the pruned rows are zeroed in
/// place (plaintext mask: one CMult per ciphertext of every group holding a pruned row; encrypted mask: one Mult per
/// ciphertext), so the ciphertext count stays at the full data set's.
/// </remarks>
public sealed class PruningMethod
{
    /// <summary>Scale applied to the baseline's EL2N scores (√(S/2) ∈ [0, 1]) before sorting, to keep |a − b| ≤ 0.9.</summary>
    public const double SortScale = 0.9;

    private readonly List<PruningEpochRecord> _records = [];
    private PrunedData? _current;
    private int _rounds;

    /// <summary>Creates a method.</summary>
    /// <param name="spec">Score, selection and repacking.</param>
    /// <param name="schedule">Keep ratio, period and window.</param>
    /// <param name="cwpOptions">CWP options (null = the paper's algorithm with the zeroing fix).</param>
    /// <param name="scoreLevel">Level the CAM score ciphertexts are dropped to before sending (0 suffices to decrypt).</param>
    /// <param name="hefsInputScale">Scale folded into HEFS's class mask (below 1 if the approximate softmax can overshoot).</param>
    public PruningMethod(PruningMethodSpec spec, PruningSchedule schedule, CwpOptions? cwpOptions = null, int scoreLevel = 0, double hefsInputScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(scoreLevel);
        Spec = spec;
        Schedule = schedule;
        CwpOptions = cwpOptions ?? CwpOptions.Paper;
        ScoreLevel = scoreLevel;
        if (!(hefsInputScale > 0 && hefsInputScale <= 1))
            throw new ArgumentOutOfRangeException(nameof(hefsInputScale), hefsInputScale, "PruningMethod: the HEFS input scale must be in (0, 1].");
        HefsInputScale = hefsInputScale;
    }

    /// <summary>Scale folded into HEFS's class mask.</summary>
    public double HefsInputScale { get; }

    /// <summary>The method's definition.</summary>
    public PruningMethodSpec Spec { get; }

    /// <summary>Method name.</summary>
    public string Name => Spec.Name;

    /// <summary>The schedule.</summary>
    public PruningSchedule Schedule { get; }

    /// <summary>CWP options.</summary>
    public CwpOptions CwpOptions { get; }

    /// <summary>Level of the score ciphertexts sent to the client.</summary>
    public int ScoreLevel { get; }

    /// <summary>One record per pruning round.</summary>
    public IReadOnlyList<PruningEpochRecord> Records => _records;

    /// <summary>Returns the training set for <paramref name="epoch"/>, pruning first when the schedule says so.</summary>
    /// <exception cref="InvalidOperationException">The method needs a forward pass or a client exchange that the context lacks.</exception>
    public PrunedData OnEpoch(int epoch, PruningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (_current is not null && (Spec.Selection == SelectionKind.None || !Schedule.IsPruningEpoch(epoch)))
            return _current;

        var data = context.Data;
        var ev = context.Evaluator;
        int k = ClientSelection.KeepCount(data.SampleCount, Schedule.Keep);
        var meter = new ComponentMeter(ev.Counter);
        var bytesBefore = context.Exchange?.Log.Snapshot() ?? new Dictionary<string, long>();
        string selection;
        PrunedData result;
        if (Spec.Selection == SelectionKind.None || k >= data.SampleCount)
        {
            selection = "full";
            result = new PrunedData(data.Groups, data.SampleCount, data.SamplesPerGroup, data.SamplesPerGroup);
        }
        else if (_rounds == 0 || Spec.Selection == SelectionKind.Random)
        {
            selection = "random";
            bool[] mask = meter.Run("selection", () => RandomMask(data.SampleCount, k, Schedule.Seed, epoch));
            result = meter.Run("repacking", () => RepackPlain(ev, data, mask, k));
        }
        else
        {
            selection = "scores";
            var probabilities = meter.Run("forward", () => Forward(context));
            var scores = meter.Run("scoring", () => Score(context, probabilities));
            if (Spec.Selection == SelectionKind.ClientAided)
            {
                var exchange = context.Exchange ?? throw new InvalidOperationException($"{Name}: client-aided masking needs a CamExchange in the context.");
                bool[] mask = meter.Run("selection", () =>
                {
                    var compact = new ScoreCompactor(data.Layout).Compact(ev, scores, 1.0, ScoreLevel);
                    return exchange.RequestMask(compact, data.Layout, data.SamplesPerGroup, Schedule.Keep, Schedule.Window);
                });
                meter.Seconds["client"] = exchange.Client.LastElapsed.TotalSeconds;
                result = meter.Run("repacking", () => RepackPlain(ev, data, mask, k));
            }
            else
            {
                var rowMasks = meter.Run("selection", () => EncryptedRowMasks(ev, data, scores, k));
                result = meter.Run("repacking", () => RepackEncrypted(ev, data, rowMasks, k));
            }
        }
        _rounds++;
        _current = result;
        var bytes = new Dictionary<string, long>();
        if (context.Exchange is not null)
            foreach (var (type, total) in context.Exchange.Log.Bytes)
                bytes[type] = total - bytesBefore.GetValueOrDefault(type);
        _records.Add(new PruningEpochRecord(epoch, Name, selection, result.KeptSamples, result.Groups.Count, result.CiphertextCount,
            meter.Seconds, meter.Ops, bytes));
        return result;
    }

    /// <summary>Returns exactly k distinct sample ids chosen uniformly (partial Fisher–Yates, seeded by seed and epoch).</summary>
    public static bool[] RandomMask(int n, int k, int seed, int epoch)
    {
        var ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = i;
        var rng = new Random(unchecked(seed * 1_000_003 + epoch * 7919 + 17));
        var mask = new bool[n];
        for (int i = 0; i < k; i++)
        {
            int j = i + rng.Next(n - i);
            (ids[i], ids[j]) = (ids[j], ids[i]);
            mask[ids[i]] = true;
        }
        return mask;
    }

    private static List<HeCiphertext> Forward(PruningContext context)
    {
        var forward = context.Forward ?? throw new InvalidOperationException("Pruning: re-scoring needs the trainer's forward pass (IForwardPass) in the context.");
        var p = new List<HeCiphertext>(context.Data.Groups.Count);
        foreach (var g in context.Data.Groups) p.Add(forward.Probabilities(g));
        return p;
    }

    private List<HeCiphertext> Score(PruningContext context, List<HeCiphertext> probabilities)
    {
        var data = context.Data;
        IScoreCircuit circuit = Spec.Score switch
        {
            ScoreKind.Hefs => new HefsScore(data.Layout, context.Classes, HefsInputScale),
            ScoreKind.El2n => new El2nScore(data.Layout, context.Classes),
            _ => throw new InvalidOperationException($"{Name}: scoring requested without a score circuit."),
        };
        var scores = new List<HeCiphertext>(probabilities.Count);
        for (int g = 0; g < probabilities.Count; g++)
            scores.Add(circuit.Score(context.Evaluator, probabilities[g], data.Groups[g][data.LabelIndex]));
        return scores;
    }

    private PrunedData RepackPlain(IHeEvaluator ev, EncryptedDataset data, bool[] sampleMask, int k)
    {
        var masks = data.SplitMask(sampleMask);
        if (Spec.Repack == RepackKind.Cwp)
        {
            var plan = CwpPlanner.Plan(masks, CwpOptions, data.SamplesPerGroup);
            var groups = CwpExecutor.Execute(ev, plan, data.Groups, data.Layout);
            var counts = new int[plan.Outputs.Count];
            var extents = new int[plan.Outputs.Count];
            for (int o = 0; o < counts.Length; o++)
            {
                counts[o] = plan.Outputs[o].SampleCount;
                var src = plan.Outputs[o].RowSources;
                for (int r = 0; r < src.Length; r++) if (src[r].Group >= 0) extents[o] = r + 1;
            }
            return new PrunedData(groups, k, counts, extents);
        }
        return InPlaceMasking.ApplyPlain(ev, data, masks, k);
    }

    private static List<HeCiphertext> EncryptedRowMasks(IHeEvaluator ev, EncryptedDataset data, List<HeCiphertext> scores, int k)
    {
        var compact = new ScoreCompactor(data.Layout).Compact(ev, scores, SortScale, targetLevel: null);
        var sorted = BitonicSorter.SortDescending(ev, compact);
        var threshold = EncryptedThresholdMask.Threshold(ev, sorted, k);
        var rowMasks = new List<HeCiphertext>(scores.Count);
        foreach (var s in scores) rowMasks.Add(EncryptedThresholdMask.RowMask(ev, s, threshold, data.Layout, SortScale));
        return rowMasks;
    }

    private static PrunedData RepackEncrypted(IHeEvaluator ev, EncryptedDataset data, List<HeCiphertext> rowMasks, int k)
    {
        var groups = new List<HeCiphertext[]>(data.Groups.Count);
        for (int g = 0; g < data.Groups.Count; g++) groups.Add(EncryptedThresholdMask.Apply(ev, data.Groups[g], rowMasks[g]));
        // The server cannot know how many samples of each group survive the encrypted mask; it reports the real rows
        // (and averages over them, as for a plaintext mask applied in place).
        return new PrunedData(groups, k, data.SamplesPerGroup, data.SamplesPerGroup);
    }

    /// <summary>Measures wall time and operation counts per named component ("client" is the client's share of selection).</summary>
    private sealed class ComponentMeter(OpCounter counter)
    {
        public Dictionary<string, double> Seconds { get; } = new();
        public Dictionary<string, Dictionary<string, long>> Ops { get; } = new();

        public T Run<T>(string component, Func<T> action)
        {
            var before = counter.Snapshot();
            var sw = Stopwatch.StartNew();
            T result;
            using (counter.Scope("prune." + component)) result = action();
            Seconds[component] = Seconds.GetValueOrDefault(component) + sw.Elapsed.TotalSeconds;
            var ops = counter.Since(before).Totals();
            if (!Ops.TryGetValue(component, out var acc)) Ops[component] = acc = new Dictionary<string, long>();
            foreach (var (kind, n) in ops) acc[kind] = acc.GetValueOrDefault(kind) + n;
            return result;
        }
    }
}
