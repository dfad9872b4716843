using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Scores;

/// <summary>Refreshes a ciphertext before a sub-circuit that would otherwise run out of levels.</summary>
public static class LevelGuard
{
    /// <summary>
    /// Returns <paramref name="x"/> unchanged if it has at least <paramref name="levelsNeeded"/> levels above the
    /// refresher's minimum input level (0 without a refresher), otherwise its refreshed copy.
    /// </summary>
    /// <exception cref="InvalidOperationException">A refresh is needed and the evaluator has no refresher.</exception>
    public static HeCiphertext Ensure(IHeEvaluator evaluator, HeCiphertext x, int levelsNeeded, string where)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(x);
        int floor = evaluator.Refresher?.MinInputLevel ?? 0;
        if (x.Level >= levelsNeeded + floor) return x;
        if (evaluator.Refresher is null)
        {
            if (x.Level >= levelsNeeded) return x;
            throw new InvalidOperationException($"{where}: needs {levelsNeeded} levels, the input is at level {x.Level} and no refresher is configured.");
        }
        return evaluator.Refresh(x);
    }

    /// <summary>
    /// Returns <paramref name="x"/> unchanged if it has at least <paramref name="levelsNeeded"/> levels, otherwise its
    /// refreshed copy; unlike <see cref="Ensure"/> it ignores the refresher's floor, for results that are never
    /// refreshed again (e.g. scores on their way to the client).
    /// </summary>
    /// <exception cref="InvalidOperationException">A refresh is needed and the evaluator has no refresher.</exception>
    public static HeCiphertext EnsureLevels(IHeEvaluator evaluator, HeCiphertext x, int levelsNeeded, string where)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(x);
        if (x.Level >= levelsNeeded) return x;
        if (evaluator.Refresher is null)
            throw new InvalidOperationException($"{where}: needs {levelsNeeded} levels, the input is at level {x.Level} and no refresher is configured.");
        return evaluator.Refresh(x);
    }
}
