namespace HEPrune.Experiments.Running;

/// <summary>Receives the runner's progress events (the CLI renders them; tests record them).</summary>
public interface IRunObserver
{
    /// <summary>The plan is known: <paramref name="total"/> runs, of which <paramref name="finished"/> are already done.</summary>
    void Planned(int total, int finished);
    /// <summary>A run is skipped because its record exists with the same configuration.</summary>
    void Skipped(PlannedRun run);
    /// <summary>A run starts.</summary>
    void Started(PlannedRun run);
    /// <summary>A running run reports progress.</summary>
    void Progress(PlannedRun run, RunProgress progress);
    /// <summary>A run ended with <paramref name="status"/> (done, failed, cancelled).</summary>
    void Finished(PlannedRun run, string status, TimeSpan elapsed, string? error);
    /// <summary>Something the user should know that is not an error.</summary>
    void Warning(string message);
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NullRunObserver : IRunObserver
{
    /// <summary>The shared instance.</summary>
    public static readonly NullRunObserver Instance = new();
    /// <inheritdoc/>
    public void Planned(int total, int finished) { }
    /// <inheritdoc/>
    public void Skipped(PlannedRun run) { }
    /// <inheritdoc/>
    public void Started(PlannedRun run) { }
    /// <inheritdoc/>
    public void Progress(PlannedRun run, RunProgress progress) { }
    /// <inheritdoc/>
    public void Finished(PlannedRun run, string status, TimeSpan elapsed, string? error) { }
    /// <inheritdoc/>
    public void Warning(string message) { }
}
