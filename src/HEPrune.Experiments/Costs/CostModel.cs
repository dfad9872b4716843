using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Costs;

/// <summary>Projects run time from operation counts and a <see cref="Calibration"/>.</summary>
/// <remarks>
/// A cost at an unmeasured level is interpolated linearly between the nearest measured levels of the same kind; outside
/// the measured range it is scaled by (level + 1) / (nearest level + 1), because RNS operations cost in proportion to the
/// number of limbs. Every such substitution is listed in the projection. A kind with no measurement at all is never
/// guessed: it is listed as missing and left out of the total.
/// </remarks>
public sealed class CostModel
{
    private readonly Dictionary<string, SortedDictionary<int, OperationCost>> _byKind = new(StringComparer.Ordinal);

    /// <summary>Builds the model from <paramref name="calibration"/>, identified in projections by <paramref name="reference"/>.</summary>
    /// <exception cref="ArgumentException">The calibration lists a kind and level twice or a negative cost.</exception>
    public CostModel(Calibration calibration, CalibrationRef reference)
    {
        Calibration = calibration;
        Reference = reference;
        foreach (var c in calibration.Costs)
        {
            if (!(c.MedianSeconds >= 0) || !(c.SpreadSeconds >= 0))
                throw new ArgumentException($"CostModel: {reference.File}: cost of {c.Kind}@{c.Level} must be >= 0 (median {c.MedianSeconds}, spread {c.SpreadSeconds})");
            if (!_byKind.TryGetValue(c.Kind, out var levels)) _byKind[c.Kind] = levels = new SortedDictionary<int, OperationCost>();
            if (!levels.TryAdd(c.Level, c)) throw new ArgumentException($"CostModel: {reference.File}: {c.Kind}@{c.Level} is listed twice");
        }
    }

    /// <summary>The calibration the model was built from.</summary>
    public Calibration Calibration { get; }

    /// <summary>How projections name the calibration.</summary>
    public CalibrationRef Reference { get; }

    /// <summary>The cost (median, spread) of one <paramref name="kind"/> operation at <paramref name="level"/>, and how it was obtained.</summary>
    /// <returns>Null when the kind was never measured.</returns>
    public (double Median, double Spread, string? Substitution)? CostOf(string kind, int level)
    {
        if (!_byKind.TryGetValue(kind, out var levels) || levels.Count == 0) return null;
        if (levels.TryGetValue(level, out var exact)) return (exact.MedianSeconds, exact.SpreadSeconds, null);
        OperationCost? below = null, above = null;
        foreach (var (l, c) in levels)
        {
            if (l < level) below = c;
            else if (l > level) { above = c; break; }
        }
        if (below is not null && above is not null)
        {
            var t = (double)(level - below.Level) / (above.Level - below.Level);
            return (below.MedianSeconds + t * (above.MedianSeconds - below.MedianSeconds),
                    below.SpreadSeconds + t * (above.SpreadSeconds - below.SpreadSeconds),
                    $"{kind}@{level} interpolated from @{below.Level},@{above.Level}");
        }
        var nearest = below ?? above!;
        var f = (level + 1.0) / (nearest.Level + 1.0);
        return (nearest.MedianSeconds * f, nearest.SpreadSeconds * f, $"{kind}@{level} scaled from @{nearest.Level} by (level+1)");
    }

    /// <summary>Projects the time of a run's counted operations, pricing refreshes as the run's <c>ckks.refresh</c> says.</summary>
    public Projection Project(Running.ResolvedRun run, IEnumerable<OpCount> ops)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Project(ops, run.Ckks.Refresh == "bootstrap");
    }

    /// <summary>Projects the total time of <paramref name="ops"/>.</summary>
    /// <param name="ops">The counted operations.</param>
    /// <param name="refreshIsBootstrap">True for runs with <c>ckks.refresh: bootstrap</c>: each Refresh is priced as one
    /// <see cref="HEPrune.Core.Costs.CostKinds.Bootstrap"/> (level-independent: the refresher drops its input to level 1 first) when the
    /// calibration has it, and listed as missing otherwise (never as the client round trip it is not).</param>
    public Projection Project(IEnumerable<OpCount> ops, bool refreshIsBootstrap = false)
    {
        double total = 0, spread = 0;
        var components = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var kinds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var substituted = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var op in ops)
        {
            if (op.Count == 0) continue;
            var priced = op.Kind == nameof(HEPrune.Core.He.OpKind.Refresh) && refreshIsBootstrap ? BootstrapCost(op.Level) : CostOf(op.Kind, op.Level);
            if (priced is not { } cost)
            {
                missing.Add(refreshIsBootstrap && op.Kind == nameof(HEPrune.Core.He.OpKind.Refresh) ? HEPrune.Core.Costs.CostKinds.Bootstrap : op.Kind);
                continue;
            }
            if (cost.Substitution is { } s) substituted.Add(s);
            var seconds = op.Count * cost.Median;
            total += seconds;
            spread += op.Count * cost.Spread;
            var component = op.Component ?? "unattributed";
            components[component] = components.GetValueOrDefault(component) + seconds;
            kinds[op.Kind] = kinds.GetValueOrDefault(op.Kind) + seconds;
        }
        return new Projection(Reference, total, spread, components, kinds, [.. substituted], [.. missing]);
    }

    /// <summary>The cost of a Refresh at <paramref name="level"/> done by bootstrapping: the Bootstrap cost at its lowest measured level, unscaled.</summary>
    private (double Median, double Spread, string? Substitution)? BootstrapCost(int level)
    {
        if (!_byKind.TryGetValue(HEPrune.Core.Costs.CostKinds.Bootstrap, out var levels) || levels.Count == 0) return null;
        var c = levels.First().Value;
        return (c.MedianSeconds, c.SpreadSeconds, $"Refresh@{level} priced as Bootstrap@{c.Level} (ckks.refresh: bootstrap; the refresher drops its input to level 1 first)");
    }
}
