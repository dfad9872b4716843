using System.Collections.Concurrent;
using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Tests.Fixtures;

/// <summary>A deterministic executor: every number is a fixed function of the resolved run, so tests can predict it.</summary>
public sealed class FakeExecutor : IRunExecutor
{
    /// <summary>Ids executed, in order.</summary>
    public ConcurrentQueue<string> Executed { get; } = new();

    /// <summary>When set, called before each run; may throw to simulate a crash.</summary>
    public Action<RunRequest>? BeforeRun { get; set; }

    /// <summary>When set, answers <see cref="IRunExecutor.MissingPrerequisite"/>.</summary>
    public Func<ResolvedRun, string?>? Missing { get; set; }

    public string? MissingPrerequisite(ResolvedRun run) => Missing?.Invoke(run);

    public Task<RunResult> ExecuteAsync(RunRequest request, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        BeforeRun?.Invoke(request);
        cancellationToken.ThrowIfCancellationRequested();
        Executed.Enqueue(request.Id);
        progress.Report(new RunProgress(0.5, "half"));
        return Task.FromResult(ResultFor(request.Run));
    }

    /// <summary>The epoch of lowest validation loss the fake reports: the one before the last (1 for a single epoch).</summary>
    public static int SelectedEpoch(ResolvedRun run) => Math.Max(1, run.Training.Epochs - 1);

    /// <summary>Best accuracy the fake reports for <paramref name="run"/> (percent).</summary>
    public static double BestAccuracy(ResolvedRun run) =>
        90 + 5 * run.Keep + (run.Dataset == "cifar10" ? 1 : 0) + 0.01 * run.Seed + (run.Backend == "plaintext" ? 0.2 : 0)
        + (run.Method == "prune_baseline" ? -0.3 : 0);

    /// <summary>Number of ct×ct multiplications at level 5 the fake counts for <paramref name="run"/>.</summary>
    public static long Muls(ResolvedRun run) => (long)Math.Round(1000 * run.Keep * run.Training.Epochs) + (run.Method == "prune_baseline" ? 5000 : 0);

    /// <summary>Server-to-client bytes the fake counts.</summary>
    public static long Bytes(ResolvedRun run) => run.Method is "hetal" or "prune_baseline" ? 18_100_000 : 22_000_000;

    public static RunResult ResultFor(ResolvedRun run)
    {
        var source = Sources.ForBackend(run.Backend);
        var best = BestAccuracy(run);
        var epochs = Enumerable.Range(1, run.Training.Epochs)
            .Select(e => new EpochAccuracy(e, new Sourced(best - (run.Training.Epochs - e) * 0.5, source, "%"), null,
                new Sourced(1 + 0.1 * Math.Abs(e - SelectedEpoch(run)), source, ""))).ToList();
        var n = 1000;
        var kept = (int)Math.Ceiling(n * run.Keep);
        return new RunResult
        {
            Backend = run.Backend,
            Samples = new SampleCounts(n, 100, 100),
            Accuracy = new AccuracySeries(epochs, new Sourced(best, source, "%"), run.Training.Epochs, new Sourced(best - 0.05, source, "%")),
            Epochs = Enumerable.Range(1, run.Training.Epochs).Select(e => new EpochStats(e, (kept + 127) / 128, kept, e == 1)).ToList(),
            Time = [new ComponentTime("total", new Sourced(1.5, source, "s"))],
            Operations = run.Backend == "plaintext" ? [] :
            [
                new OpCount("mul", 5, Muls(run), source, "forward"),
                new OpCount("rotate", 3, 200, source, "backward"),
                new OpCount("bootstrap", 3, 10, source, "backward"),
            ],
            Messages = run.Backend == "plaintext" ? [] : [new MessageBytes("val_logits", "server_to_client", 9, Bytes(run), source)],
        };
    }
}
