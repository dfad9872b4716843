namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// Per-dataset training and pruning settings used by HEPrune's accuracy scripts (<c>DeepCore/datasets.sh</c>,
/// spec §3.6), which differ in places from the paper's App. C (lr 0.5, Δτ = 5 for transfer learning).
/// </summary>
/// <param name="Dataset">Dataset key.</param>
/// <param name="LearningRate">Learning rate.</param>
/// <param name="Every">Pruning period Δτ.</param>
/// <param name="Epochs">Training epochs.</param>
/// <param name="Window">Noise-window ratio.</param>
public sealed record DatasetPruningDefaults(string Dataset, double LearningRate, int Every, int Epochs, double Window)
{
    private static readonly DatasetPruningDefaults[] Table =
    [
        new("mnist", 0.5, 3, 7, 0.04),
        new("cifar10", 0.5, 3, 9, 0.0),
        new("face_mask", 0.8, 5, 22, 0.025),
        new("dermamnist", 0.95, 5, 23, 0.18),
        new("snips", 0.5, 5, 14, 0.0),
    ];

    /// <summary>All datasets with published settings.</summary>
    public static IReadOnlyList<DatasetPruningDefaults> All => Table;

    /// <summary>Returns the settings of a dataset (keys: mnist, cifar10, face_mask, dermamnist, snips).</summary>
    /// <exception cref="ArgumentException">The dataset has no published settings.</exception>
    public static DatasetPruningDefaults For(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        foreach (var d in Table)
            if (string.Equals(d.Dataset, dataset, StringComparison.OrdinalIgnoreCase)) return d;
        throw new ArgumentException($"DatasetPruningDefaults: no published settings for '{dataset}'; expected one of mnist, cifar10, face_mask, dermamnist, snips.", nameof(dataset));
    }

    /// <summary>Returns the schedule for a kept fraction with these defaults.</summary>
    public PruningSchedule Schedule(double keep, int seed = 0) => new(keep, Every, Window, seed);
}
