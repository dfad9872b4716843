namespace HEPrune.Experiments.Costs;

/// <summary>Projected HE time of a run: operation counts × calibrated per-operation costs.</summary>
/// <param name="Calibration">The calibration used.</param>
/// <param name="TotalSeconds">Σ count × median cost, over every counted operation that has a cost.</param>
/// <param name="SpreadSeconds">Σ count × spread: a rough ± on the total.</param>
/// <param name="Components">Total per component (operations without a component are under <c>unattributed</c>).</param>
/// <param name="Kinds">Total per operation kind.</param>
/// <param name="Substituted">Entries whose cost was derived from other levels, e.g. <c>rotate@7 from @6,@8</c>.</param>
/// <param name="Missing">Operation kinds with no cost at any level; their operations are not in the total.</param>
public sealed record Projection(
    CalibrationRef Calibration, double TotalSeconds, double SpreadSeconds,
    IReadOnlyDictionary<string, double> Components, IReadOnlyDictionary<string, double> Kinds,
    IReadOnlyList<string> Substituted, IReadOnlyList<string> Missing)
{
    /// <summary>True when every counted operation had a cost, so the total is complete.</summary>
    public bool Complete => Missing.Count == 0;
}
