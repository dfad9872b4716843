using HEPrune.Core.Costs;
using HEPrune.Experiments.Execution;

namespace HEPrune.Experiments.Costs;

/// <summary>The calibration timer over the real CKKS library: one <see cref="CkksOperationTimer"/> (keys and inputs) per preset.</summary>
public sealed class CkksTimerAdapter : IOperationTimer
{
    private readonly Dictionary<string, CkksOperationTimer> _timers = new(StringComparer.Ordinal);

    private CkksOperationTimer For(string preset)
    {
        lock (_timers)
        {
            if (!_timers.TryGetValue(preset, out var t))
                _timers[preset] = t = HeBackends.IsBoot(preset)
                    ? new CkksOperationTimer(HeBackends.BootPreset(preset)) // bootstrapping preset: also times one bootstrap refresh
                    : new CkksOperationTimer(HeBackends.Preset(preset));
            return t;
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Parameters(string preset) => new Dictionary<string, string>
    {
        ["preset"] = preset,
        ["ckks"] = HeBackends.Preset(preset).ToString(),
    };

    /// <inheritdoc />
    public IReadOnlyList<(string Kind, int Level)> Operations(string preset)
    {
        var timer = For(preset);
        var ops = new List<(string, int)>();
        foreach (var kind in timer.Kinds)
            foreach (int level in timer.Levels(kind)) ops.Add((kind, level));
        return ops;
    }

    /// <inheritdoc />
    public double TimeOnce(string preset, string kind, int level) => For(preset).TimeOnce(kind, level);
}
