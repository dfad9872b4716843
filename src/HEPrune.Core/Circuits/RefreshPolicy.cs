using HEPrune.Core.He;

namespace HEPrune.Core.Circuits;

/// <summary>
/// The planned refresh policy: at each named stage boundary the value the next stage consumes is refreshed when it
/// has fewer levels than that stage needs (plus the refresher's floor). Records how often each point fired.
/// </summary>
/// <remarks>Disabled, it never refreshes, so a run on a deep parameter shape measures the critical-path depth.</remarks>
public sealed class RefreshPolicy
{
    private readonly Dictionary<string, int> _points = new();

    /// <summary>Creates a policy.</summary>
    /// <param name="evaluator">Evaluator whose <see cref="IHeEvaluator.Refresh"/> is called.</param>
    /// <param name="enabled">False to never refresh.</param>
    public RefreshPolicy(IHeEvaluator evaluator, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        Evaluator = evaluator;
        Enabled = enabled;
    }

    /// <summary>The evaluator refreshes go through.</summary>
    public IHeEvaluator Evaluator { get; }

    /// <summary>True when refreshes are performed.</summary>
    public bool Enabled { get; }

    /// <summary>Lowest level a refresh input may have (the refresher's minimum, e.g. 3 for HEaaN FGb).</summary>
    public int Floor => Evaluator.Refresher?.MinInputLevel ?? 0;

    /// <summary>Number of refreshes per named point.</summary>
    public IReadOnlyDictionary<string, int> Points => _points;

    /// <summary>Total number of refreshes performed.</summary>
    public int Count { get; private set; }

    /// <summary>Returns ct, refreshed first if it has fewer than <paramref name="levelsNeeded"/> levels above the floor.</summary>
    public HeCiphertext Ensure(HeCiphertext ct, int levelsNeeded, string point)
    {
        ArgumentNullException.ThrowIfNull(ct);
        if (!Enabled || ct.Level - Floor >= levelsNeeded) return ct;
        return Force(ct, point);
    }

    /// <summary>Refreshes ct unconditionally (when enabled) and records the point.</summary>
    public HeCiphertext Force(HeCiphertext ct, string point)
    {
        ArgumentNullException.ThrowIfNull(ct);
        if (!Enabled) return ct;
        _points[point] = _points.GetValueOrDefault(point) + 1;
        Count++;
        return Evaluator.Refresh(ct);
    }
}
