using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Reporting;

/// <summary>Selects run records for report cells and extracts their figures, never inventing a missing one.</summary>
public sealed class RecordQuery
{
    private readonly IReadOnlyList<RunRecord> _main;

    /// <summary>Wraps <paramref name="records"/>; reduced-scale measuring runs are left out of the tables.</summary>
    public RecordQuery(IReadOnlyList<RunRecord> records) => _main = records.Where(r => r.Run.Role == "main").ToList();

    /// <summary>All full-scale records.</summary>
    public IReadOnlyList<RunRecord> Main => _main;

    /// <summary>Datasets present in the records.</summary>
    public IReadOnlyList<string> Datasets => _main.Select(r => r.Run.Dataset).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Records of one table cell. <paramref name="encrypted"/> true selects ckks records if any exist, else emulated ones;
    /// false selects plaintext ones. <paramref name="keep"/> null matches any kept fraction.
    /// </summary>
    public IReadOnlyList<RunRecord> Select(string dataset, string method, double? keep, bool encrypted, string model = "softmax")
    {
        var cell = _main.Where(r => r.Run.Dataset == dataset && r.Run.Method == method && r.Run.Training.Model == model
            && (keep is null || Math.Abs(r.Run.Keep - keep.Value) < 1e-9)).ToList();
        if (!encrypted) return cell.Where(r => r.Run.Backend == "plaintext").ToList();
        var ckks = cell.Where(r => r.Run.Backend == "ckks").ToList();
        return ckks.Count > 0 ? ckks : cell.Where(r => r.Run.Backend is "emulated" or "emulated-functional").ToList();
    }

    /// <summary>Kept fractions present for a dataset/method/model.</summary>
    public IReadOnlyList<double> Keeps(string dataset, string method, string model = "softmax") =>
        _main.Where(r => r.Run.Dataset == dataset && r.Run.Method == method && r.Run.Training.Model == model)
            .Select(r => r.Run.Keep).Distinct().Order().ToList();

    /// <summary>Best test accuracy (%) over <paramref name="runs"/>.</summary>
    public static Stat? Accuracy(IReadOnlyList<RunRecord> runs) =>
        Stat.Of(runs.Select(r => (r.Result.Accuracy.Best.Value, r.Result.Accuracy.Best.Source, r.Id)).ToList());

    /// <summary>
    /// Test accuracy (%) at each run's epoch of lowest validation loss (HETAL's early-stopping choice), from the per-epoch
    /// history. Unlike <see cref="Accuracy"/> the epoch is chosen without looking at the test set. Runs whose history has
    /// no finite validation loss are left out.
    /// </summary>
    public static Stat? SelectedAccuracy(IReadOnlyList<RunRecord> runs) => Stat.Of(runs
        .Select(r => SelectedEpoch(r) is { TestAccuracy: { } a } ? (a.Value, a.Source, r.Id) : ((double, string, string)?)null)
        .OfType<(double, string, string)>().ToList());

    /// <summary>The epoch of lowest finite validation loss that also has a test accuracy (first one on ties), or null.</summary>
    public static EpochAccuracy? SelectedEpoch(RunRecord r)
    {
        EpochAccuracy? best = null;
        foreach (var e in r.Result.Accuracy.PerEpoch)
        {
            if (e.TestAccuracy is null || e.ValLoss is not { } l || !double.IsFinite(l.Value)) continue;
            if (best is null || l.Value < best.ValLoss!.Value) best = e;
        }
        return best;
    }

    /// <summary>Test accuracy (%) after the last epoch each run trained; runs without per-epoch test accuracy are left out.</summary>
    public static Stat? LastEpochAccuracy(IReadOnlyList<RunRecord> runs) => Stat.Of(runs
        .Select(r => r.Result.Accuracy.PerEpoch.LastOrDefault(e => e.TestAccuracy is not null)?.TestAccuracy is { } a ? (a.Value, a.Source, r.Id) : ((double, string, string)?)null)
        .OfType<(double, string, string)>().ToList());

    /// <summary>HE runtime in hours: measured total for full-scale CKKS runs, else a complete projection; runs with neither are left out.</summary>
    public static Stat? Hours(IReadOnlyList<RunRecord> runs) => Stat.Of(runs.Select(HoursOf).OfType<(double, string, string)>().ToList());

    /// <summary>
    /// The runtime of one record in hours with its source, or null. A run limited to part of the training data
    /// (<c>limit_train</c>) gets the source suffix <see cref="Sources.SubsetSuffix"/>: its runtime is not full scale.
    /// </summary>
    public static (double Value, string Source, string Id)? HoursOf(RunRecord r)
    {
        string suffix = r.Run.Data.LimitTrain is null ? "" : Sources.SubsetSuffix;
        if (r.Run.Backend == "ckks" && r.Result.Time.FirstOrDefault(t => t.Component == "total") is { } total && total.Seconds.Source == Sources.CkksMeasured)
            return (total.Seconds.Value / 3600, Sources.CkksMeasured + suffix, r.Id);
        if (r.Projection is { Complete: true } p) return (p.TotalSeconds / 3600, Sources.Projected + suffix, r.Id);
        return null;
    }

    /// <summary>Server-to-client communication in MB (10^6 bytes), over runs that counted messages.</summary>
    public static Stat? CommunicationMB(IReadOnlyList<RunRecord> runs) => Stat.Of(runs
        .Where(r => r.Result.Messages.Count > 0)
        .Select(r => (r.Result.Messages.Where(m => m.Direction == "server_to_client").Sum(m => (double)m.Bytes) / 1e6,
                      string.Join("+", r.Result.Messages.Select(m => m.Source).Distinct().Order(StringComparer.Ordinal)), r.Id))
        .ToList());

    /// <summary>Ratio of two aggregates' means (e.g. speedup = baseline hours / hours); null if either is missing.</summary>
    public static Stat? Ratio(Stat? numerator, Stat? denominator)
    {
        if (numerator is null || denominator is null || denominator.Mean == 0) return null;
        var source = numerator.Source == denominator.Source ? numerator.Source : $"{numerator.Source}/{denominator.Source}";
        return new Stat(numerator.Mean / denominator.Mean, null, Math.Min(numerator.N, denominator.N), source, numerator.RunIds.Union(denominator.RunIds).ToList());
    }

    /// <summary>Difference of two aggregates' means (e.g. accuracy change); null if either is missing.</summary>
    public static Stat? Difference(Stat? a, Stat? b) =>
        a is null || b is null ? null : new Stat(a.Mean - b.Mean, null, Math.Min(a.N, b.N), a.Source, a.RunIds.Union(b.RunIds).ToList());
}
