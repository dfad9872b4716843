using System.Diagnostics;

namespace HEPrune.Ckks.Bootstrapping;

/// <summary>Collects the wall-clock and process-CPU time of each bootstrapping phase (profiling aid; pass one to <see cref="Bootstrapper.Bootstrap(Scheme.Ciphertext, BootstrappingKeys, BootstrapTrace?)"/>).</summary>
/// <remarks>Not thread-safe: use one trace per bootstrap call.</remarks>
public sealed class BootstrapTrace
{
    private readonly List<(string Phase, TimeSpan Wall, TimeSpan Cpu)> _phases = [];
    private readonly Stopwatch _wall = new();
    private TimeSpan _cpu0;
    private string? _open;

    /// <summary>The phases recorded so far, in order: name, wall-clock time, process CPU time.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Wall, TimeSpan Cpu)> Phases => _phases;

    /// <summary>Closes the open phase (if any) and starts timing <paramref name="phase"/>.</summary>
    public void Begin(string phase)
    {
        End();
        _open = phase;
        _cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        _wall.Restart();
    }

    /// <summary>Closes the open phase (no-op when none is open).</summary>
    public void End()
    {
        if (_open is null)
        {
            return;
        }

        _wall.Stop();
        _phases.Add((_open, _wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - _cpu0));
        _open = null;
    }

    /// <summary>Returns one line per phase plus the total (seconds, wall / CPU).</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        TimeSpan w = TimeSpan.Zero, c = TimeSpan.Zero;
        foreach (var (phase, wall, cpu) in _phases)
        {
            sb.AppendLine($"{phase,-28} wall {wall.TotalSeconds,8:F3} s  cpu {cpu.TotalSeconds,8:F3} s");
            w += wall;
            c += cpu;
        }

        sb.Append($"{"total",-28} wall {w.TotalSeconds,8:F3} s  cpu {c.TotalSeconds,8:F3} s");
        return sb.ToString();
    }
}
