using HEPrune.Core.He;

namespace HEPrune.Core.Costs;

/// <summary>
/// Per-operation costs of one CKKS parameter set on one machine (what <see cref="CkksCalibrator.Measure"/> returns), and
/// the projection Σ count(kind, level) × cost(kind, level) of an operation count.
/// </summary>
/// <param name="Preset">Name of the parameter set (or a description of it).</param>
/// <param name="RingDegree">N.</param>
/// <param name="MaxLevel">L.</param>
/// <param name="Machine">Where it was measured.</param>
/// <param name="CreatedUtc">When the measurement finished.</param>
/// <param name="Mode">"all-levels" or "anchors+interpolation"; with "(budget)" when the time budget cut it short.</param>
/// <param name="ElapsedSeconds">Wall time the calibration took (key generation included).</param>
/// <param name="Costs">One entry per kind and level (measured or flagged as interpolated).</param>
public sealed record CostTable(string Preset, int RingDegree, int MaxLevel, MachineDescription Machine, DateTimeOffset CreatedUtc,
    string Mode, double ElapsedSeconds, IReadOnlyList<OperationCost> Costs)
{
    /// <summary>Returns the cost entry of a kind at a level, or null when the kind was not measured.</summary>
    public OperationCost? Find(string kind, int level)
    {
        foreach (var c in Costs)
            if (c.Level == level && string.Equals(c.Kind, kind, StringComparison.Ordinal)) return c;
        return null;
    }

    /// <summary>
    /// Projects the wall time of the counted operations: Σ count(kind, level) × median(kind, level). Rotations are priced
    /// as single rotations (OpCounter does not tell hoisted ones apart, so this is an upper bound for hoisted code);
    /// kinds without a cost (e.g. Refresh when not calibrated) are listed in <see cref="ProjectedTime.Missing"/>.
    /// </summary>
    /// <param name="server">The evaluator's counts.</param>
    /// <param name="client">The client's counts (Encrypt, Decrypt), or null.</param>
    public ProjectedTime Project(OpCounter server, OpCounter? client = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var perKind = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        double total = 0;
        foreach (var counter in client is null ? new[] { server } : new[] { server, client })
        {
            foreach (var (kind, levels) in counter.ByLevel())
            {
                foreach (var (lv, n) in levels)
                {
                    int level = int.Parse(lv, System.Globalization.CultureInfo.InvariantCulture);
                    var cost = Find(kind, level);
                    if (cost is null)
                    {
                        missing.Add($"{kind}@{level}");
                        continue;
                    }
                    double s = n * cost.MedianSeconds;
                    total += s;
                    perKind[kind] = perKind.GetValueOrDefault(kind) + s;
                }
            }
        }
        return new ProjectedTime(total, perKind, [.. missing]);
    }
}

/// <summary>A projected wall time: the total, its split by kind, and the (kind@level) entries that had no cost.</summary>
/// <param name="TotalSeconds">Σ count × median over all priced entries.</param>
/// <param name="PerKindSeconds">The same sum per kind.</param>
/// <param name="Missing">Counted entries without a calibrated cost (left out of the total).</param>
public sealed record ProjectedTime(double TotalSeconds, IReadOnlyDictionary<string, double> PerKindSeconds, IReadOnlyList<string> Missing);
