using System.Diagnostics;
using HEPrune.Core.He;

namespace HEPrune.Core.Training;

/// <summary>Wraps a refresher and measures the wall time spent in it (the "refresh" component of the results).</summary>
public sealed class TimedRefresher : IRefresher
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public TimedRefresher(IRefresher inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The wrapped refresher.</summary>
    public IRefresher Inner { get; }

    /// <summary>Total time spent refreshing.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Number of refreshes.</summary>
    public long Count { get; private set; }

    /// <inheritdoc />
    public string Name => Inner.Name;

    /// <inheritdoc />
    public int MinInputLevel => Inner.MinInputLevel;

    /// <inheritdoc />
    public HeCiphertext Refresh(HeCiphertext ciphertext)
    {
        long t0 = Stopwatch.GetTimestamp();
        var r = Inner.Refresh(ciphertext);
        Elapsed += Stopwatch.GetElapsedTime(t0);
        Count++;
        return r;
    }
}
