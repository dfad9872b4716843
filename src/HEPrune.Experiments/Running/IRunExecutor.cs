using HEPrune.Experiments.Costs;
using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Running;

/// <summary>Executes one resolved run (data → features → HETAL/HEPrune on a backend) and returns what it measured.</summary>
/// <remarks>
/// The seam between the harness and the HE stack. The harness owns ids, resuming, records, provenance and projection;
/// an executor only turns a <see cref="RunRequest"/> into a <see cref="RunResult"/>. It must honour cancellation and
/// should report progress (fraction done plus a short stage name) so the CLI can show an ETA.
/// </remarks>
public interface IRunExecutor
{
    /// <summary>Runs <paramref name="request"/>; reports progress through <paramref name="progress"/>.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> fires.</exception>
    Task<RunResult> ExecuteAsync(RunRequest request, IProgress<RunProgress> progress, CancellationToken cancellationToken);

    /// <summary>
    /// What <paramref name="run"/> needs that is not on this machine (e.g. an npm package), with how to get it; null when
    /// nothing is known to be missing. The runner asks before starting, so a long matrix does not fail hours in.
    /// </summary>
    string? MissingPrerequisite(ResolvedRun run) => null;
}

/// <summary>What an executor gets for one run.</summary>
/// <param name="Id">The run id (use it to name caches or logs).</param>
/// <param name="Run">The resolved configuration; the executor must depend on nothing else.</param>
/// <param name="ResultsDirectory">The experiment's results folder (an executor may write run-specific extras under runs/&lt;id&gt;/).</param>
/// <param name="Costs">The cost model for the run's preset, if a calibration exists (e.g. to decide what to measure).</param>
public sealed record RunRequest(string Id, ResolvedRun Run, string ResultsDirectory, CostModel? Costs);

/// <summary>Progress of one run.</summary>
/// <param name="Fraction">Done fraction in [0, 1].</param>
/// <param name="Stage">Short description of the current stage, e.g. "epoch 3/9".</param>
public readonly record struct RunProgress(double Fraction, string? Stage);

/// <summary>The executor the <c>heprune run</c> command uses.</summary>
public static class ExecutorCatalog
{
    /// <summary>Creates the executor used by the CLI.</summary>
    public static IRunExecutor Create() => new Execution.HeRunExecutor();
}
