using System.Diagnostics;
using HEPrune.Experiments.Config;
using HEPrune.Experiments.Costs;
using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Running;

/// <summary>Options of one <c>heprune run</c> invocation.</summary>
/// <param name="Force">Redo runs whose record already exists.</param>
/// <param name="Only">Run only runs whose label or id matches this pattern (<c>*</c> wildcards; see <see cref="RunFilter"/>).</param>
public sealed record RunnerOptions(bool Force = false, string? Only = null);

/// <summary>Counts of what a runner invocation did.</summary>
public sealed record RunSummary(int Planned, int Selected, int Skipped, int Done, int Failed, bool Cancelled);

/// <summary>Executes an experiment's run matrix into a <see cref="ResultStore"/>, resuming where a previous invocation stopped.</summary>
/// <remarks>
/// A run is finished exactly when runs/&lt;id&gt;.json exists with the same canonical config; records are written
/// atomically, so killing the process at any moment loses at most the run in progress and never leaves a torn record.
/// </remarks>
public sealed class ExperimentRunner
{
    private readonly IRunExecutor _executor;
    private readonly CalibrationCatalog _calibrations;
    private readonly IRunObserver _observer;
    private readonly Func<DateTimeOffset> _clock;

    /// <summary>Creates a runner.</summary>
    public ExperimentRunner(IRunExecutor executor, CalibrationCatalog calibrations, IRunObserver observer, Func<DateTimeOffset>? clock = null)
    {
        _executor = executor;
        _calibrations = calibrations;
        _observer = observer;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>Runs every selected, unfinished run of <paramref name="config"/> into <paramref name="store"/>.</summary>
    public async Task<RunSummary> RunAsync(LoadedConfig config, ResultStore store, RunnerOptions options, CancellationToken cancellationToken)
    {
        var plan = RunMatrix.Expand(config.Config);
        var filter = RunFilter.Parse(options.Only);
        var selected = plan.Where(p => filter.Matches(p)).ToList();
        if (options.Only is not null && selected.Count == 0)
            throw new NoRunSelectedException(
                $"--only '{options.Only}' matches none of the {plan.Count} run(s) of {config.Path}; nothing was run or written. " +
                $"Patterns match a run's label or id, with * as a wildcard; labels look like: " +
                string.Join(", ", plan.Take(3).Select(p => $"'{p.Run.Label}'")) + (plan.Count > 3 ? ", …" : ""));
        var removed = store.Prepare();
        if (removed > 0) _observer.Warning($"removed {removed} temporary file(s) left by an interrupted run");
        AtomicFile.WriteAllText(Path.Combine(store.Root, "config.yaml"), config.Text);

        var git = EnvironmentProbe.GitCommit(Directory.GetCurrentDirectory());
        var status = plan.ToDictionary(p => p.Id, p => new ManifestEntry(p.Id, p.Run.Label, "pending", null, null));
        var todo = new List<PlannedRun>();
        foreach (var p in plan)
        {
            var existing = LoadExisting(store, p);
            if (existing is not null) status[p.Id] = status[p.Id] with { Status = "done", WallSeconds = existing.Provenance.WallSeconds };
            if (selected.Contains(p) && (existing is null || options.Force)) todo.Add(p);
        }
        // Pre-flight: everything the runs to do need must be here before the first one starts.
        var missing = todo.Select(p => (p, why: _executor.MissingPrerequisite(p.Run))).Where(x => x.why is not null)
            .GroupBy(x => x.why!, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new PrerequisiteMissingException(string.Join("\n", missing.Select(g =>
                $"{g.Count()} run(s) to do need what is missing (e.g. {g.First().p.Run.Label}): {g.Key}")) +
                "\nNothing was run; finished runs are kept. Install what is missing and rerun, or leave those runs out with --only.");
        var skipped = selected.Count - todo.Count;
        _observer.Planned(selected.Count, skipped);
        foreach (var p in selected.Where(p => !todo.Contains(p))) _observer.Skipped(p);
        WriteManifest();

        int done = 0, failed = 0;
        var cancelled = false;
        foreach (var p in todo)
        {
            if (cancellationToken.IsCancellationRequested) { cancelled = true; break; }
            _observer.Started(p);
            var watch = Stopwatch.StartNew();
            var started = _clock();
            var loadStart = EnvironmentProbe.LoadAverage();
            try
            {
                var costs = _calibrations.For(p.Run.Ckks.Preset);
                var progress = new Progress(this, p);
                var result = await _executor.ExecuteAsync(new RunRequest(p.Id, p.Run, store.Root, costs), progress, cancellationToken).ConfigureAwait(false);
                watch.Stop();
                var record = new RunRecord
                {
                    Id = p.Id,
                    Experiment = config.Config.Name!,
                    Run = p.Run,
                    Canonical = p.Canonical,
                    Provenance = new Provenance(git, EnvironmentProbe.ToolVersion(), EnvironmentProbe.Machine(), started, _clock(), watch.Elapsed.TotalSeconds,
                        loadStart, EnvironmentProbe.LoadAverage()),
                    Result = result,
                    Projection = costs is not null && result.Operations.Count > 0 ? costs.Project(p.Run, result.Operations) : null,
                };
                store.Write(record);
                status[p.Id] = status[p.Id] with { Status = "done", Error = null, WallSeconds = watch.Elapsed.TotalSeconds };
                done++;
                _observer.Finished(p, "done", watch.Elapsed, null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                status[p.Id] = status[p.Id] with { Status = "cancelled" };
                _observer.Finished(p, "cancelled", watch.Elapsed, null);
                cancelled = true;
                WriteManifest();
                break;
            }
            catch (Exception e)
            {
                status[p.Id] = status[p.Id] with { Status = "failed", Error = e.Message };
                failed++;
                _observer.Finished(p, "failed", watch.Elapsed, e.Message);
            }
            WriteManifest();
        }
        return new RunSummary(plan.Count, selected.Count, skipped, done, failed, cancelled);

        void WriteManifest() => store.WriteManifest(new Manifest
        {
            Experiment = config.Config.Name!,
            ConfigFile = config.Path,
            ConfigSha = CanonicalJson.ShortHash(config.Text),
            GitCommit = git,
            UpdatedUtc = _clock(),
            Runs = plan.Select(p => status[p.Id]).ToList(),
        });
    }

    private RunRecord? LoadExisting(ResultStore store, PlannedRun p)
    {
        try
        {
            var r = store.TryLoad(p.Id);
            if (r is null) return null;
            if (r.Canonical == p.Canonical) return r;
            _observer.Warning($"{store.RecordPath(p.Id)} has the same id but a different configuration; redoing it");
            return null;
        }
        catch (RecordFormatException e)
        {
            _observer.Warning($"{e.Message}; redoing run {p.Run.Label}");
            return null;
        }
    }

    private sealed class Progress(ExperimentRunner owner, PlannedRun run) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => owner._observer.Progress(run, value);
    }
}

/// <summary><c>heprune run --only</c> selected no run of the matrix (nothing is run or written).</summary>
public sealed class NoRunSelectedException(string message) : Exception(message);

/// <summary>A run to do needs something this machine lacks (nothing is run; the message says what and how to get it).</summary>
public sealed class PrerequisiteMissingException(string message) : Exception(message);
