namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// When and how much to prune: a random subset at epoch 0, then re-scoring of the full data set every Δτ epochs
/// (spec §3.6). <see cref="Keep"/> is the kept fraction, 1 − p for the paper's pruning ratio p.
/// </summary>
/// <param name="Keep">Fraction of samples kept (0.1 for the paper's p = 0.9).</param>
/// <param name="Every">Pruning period Δτ in epochs (≥ 1).</param>
/// <param name="Window">Noise-window fraction of top-scored samples skipped by the client (0 disables it).</param>
/// <param name="Seed">Seed of the random subsets.</param>
public sealed record PruningSchedule(double Keep, int Every, double Window = 0.0, int Seed = 0)
{
    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(Keep > 0 && Keep <= 1))
            throw new ArgumentOutOfRangeException(nameof(Keep), Keep, "PruningSchedule: keep must be in (0, 1].");
        if (Every < 1)
            throw new ArgumentOutOfRangeException(nameof(Every), Every, "PruningSchedule: the pruning period must be >= 1 epoch.");
        if (!(Window >= 0 && Window < 1))
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "PruningSchedule: window must be in [0, 1).");
    }

    /// <summary>True when the data set is (re-)selected at the start of <paramref name="epoch"/>.</summary>
    public bool IsPruningEpoch(int epoch) => epoch >= 0 && epoch % Every == 0;
}
