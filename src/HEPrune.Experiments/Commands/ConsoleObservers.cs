using System.Globalization;
using HEPrune.Experiments.Running;
using Spectre.Console;

namespace HEPrune.Experiments.Commands;

/// <summary>Plain-line progress for logs and CI: one line per event, with an ETA from the mean run time so far.</summary>
internal sealed class PlainRunObserver(TextWriter output) : IRunObserver
{
    private int _total, _finished;
    private double _seconds;
    private int _timed;
    private readonly Dictionary<string, int> _lastDecile = [];

    public void Planned(int total, int finished)
    {
        _total = total;
        _finished = finished;
        output.WriteLine($"run: {total} run(s) selected, {finished} already finished, {total - finished} to do");
    }

    public void Skipped(PlannedRun run) { }

    public void Started(PlannedRun run) => output.WriteLine($"[{_finished + 1}/{_total}] start  {run.Id} {run.Run.Label}");

    public void Progress(PlannedRun run, RunProgress p)
    {
        var decile = (int)(Math.Clamp(p.Fraction, 0, 1) * 10);
        lock (_lastDecile)
        {
            if (_lastDecile.TryGetValue(run.Id, out var last) && last >= decile) return;
            _lastDecile[run.Id] = decile;
        }
        output.WriteLine($"         {run.Id} {p.Fraction * 100:F0}% {p.Stage}");
    }

    public void Finished(PlannedRun run, string status, TimeSpan elapsed, string? error)
    {
        _finished++;
        if (status == "done") { _seconds += elapsed.TotalSeconds; _timed++; }
        var eta = _timed > 0 ? TimeSpan.FromSeconds(_seconds / _timed * (_total - _finished)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "?";
        output.WriteLine($"[{_finished}/{_total}] {status,-6} {run.Id} {run.Run.Label} in {elapsed.TotalSeconds:F1} s (ETA {eta})" + (error is null ? "" : $": {error}"));
    }

    public void Warning(string message) => output.WriteLine("warning: " + message);
}

/// <summary>Animated Spectre.Console progress: an overall bar plus one bar per run, with elapsed and remaining time.</summary>
internal sealed class SpectreRunObserver(ProgressContext ctx) : IRunObserver
{
    private ProgressTask? _overall;
    private readonly Dictionary<string, ProgressTask> _runs = [];

    public void Planned(int total, int finished)
    {
        _overall = ctx.AddTask("[bold]overall[/]", maxValue: Math.Max(total, 1));
        _overall.Value = finished;
        if (total == 0 || finished == total) _overall.Value = _overall.MaxValue;
    }

    public void Skipped(PlannedRun run) { }

    public void Started(PlannedRun run)
    {
        lock (_runs) _runs[run.Id] = ctx.AddTask(Markup.Escape(run.Run.Label), maxValue: 1.0);
    }

    public void Progress(PlannedRun run, RunProgress p)
    {
        lock (_runs)
        {
            if (!_runs.TryGetValue(run.Id, out var t)) return;
            t.Value = Math.Clamp(p.Fraction, 0, 1);
            if (p.Stage is { } s) t.Description = Markup.Escape($"{run.Run.Label}  {s}");
        }
    }

    public void Finished(PlannedRun run, string status, TimeSpan elapsed, string? error)
    {
        lock (_runs)
        {
            if (_runs.TryGetValue(run.Id, out var t))
            {
                var color = status == "done" ? "green" : "red";
                t.Description = $"[{color}]{Markup.Escape(status)}[/] {Markup.Escape(run.Run.Label)}";
                t.Value = t.MaxValue;
                t.StopTask();
            }
        }
        _overall?.Increment(1);
        if (error is not null) AnsiConsole.MarkupLine($"[red]failed[/] {Markup.Escape(run.Run.Label)}: {Markup.Escape(error)}");
    }

    public void Warning(string message) => AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
}
