using System.Diagnostics;
using HEPrune.Core.He;

namespace HEPrune.Core.Circuits;

/// <summary>
/// Attributes operation counts and wall time to named stages of a circuit (DiagABT, softmax.max, …) by snapshotting
/// an evaluator's counter around each stage; stages with the same name accumulate. Each stage also opens a component
/// scope on the counter (<see cref="OpCounter.Scope"/>), so the counter's per-component counts name the stage. A stage
/// run while an outer scope is open (e.g. a pruning round's forward pass) is left to that scope: not counted or timed
/// here, so a stage's counts always equal its component's.
/// </summary>
public sealed class StageProfiler
{
    private readonly Dictionary<string, OpCounter> _counts = new();
    private readonly Dictionary<string, TimeSpan> _times = new();
    private readonly List<string> _order = new();

    /// <summary>Creates a profiler over an evaluator's counter.</summary>
    public StageProfiler(IHeEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        Evaluator = evaluator;
    }

    /// <summary>The evaluator whose counter is read.</summary>
    public IHeEvaluator Evaluator { get; }

    /// <summary>Stage names in first-use order.</summary>
    public IReadOnlyList<string> Stages => _order;

    /// <summary>Operation counts per stage.</summary>
    public IReadOnlyDictionary<string, OpCounter> Counts => _counts;

    /// <summary>Wall time per stage.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Times => _times;

    /// <summary>Runs a stage, records its counts and time, and returns its result.</summary>
    public T Run<T>(string stage, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        // Inside an outer component (a pruning round re-running the forward pass, or another stage) the work belongs
        // to that component: it is neither counted nor timed here, so stages and components never count twice.
        if (Evaluator.Counter.CurrentComponent is not null) return body();
        var before = Evaluator.Counter.Snapshot();
        long t0 = Stopwatch.GetTimestamp();
        T result;
        using (Evaluator.Counter.Scope(stage)) result = body();
        var elapsed = Stopwatch.GetElapsedTime(t0);
        var diff = Evaluator.Counter.Since(before);
        if (!_counts.TryGetValue(stage, out var acc))
        {
            _counts[stage] = acc = new OpCounter();
            _times[stage] = TimeSpan.Zero;
            _order.Add(stage);
        }
        acc.Merge(diff);
        _times[stage] += elapsed;
        return result;
    }
}
