namespace HEPrune.Core.Costs;

/// <summary>How much to measure: which kinds and levels, how many repetitions, and within what time.</summary>
/// <remarks>
/// Quick mode measures each kind at three levels only (its lowest level, the middle level and the top level) and fills
/// the others by linear interpolation in the number of primes ℓ+1 — RNS operations cost a fixed amount per prime, plus
/// a key-switching part that grows in steps with the number of digits, so linear interpolation between the middle and the
/// ends is within the measurement spread on a shared machine. Full mode measures every level. With a time budget, the
/// three anchor levels of every kind are measured first, then the remaining levels while time remains; whatever was not
/// measured is interpolated (and flagged).
/// </remarks>
public sealed record CalibrationOptions
{
    /// <summary>Measure every level (false: the three anchor levels per kind plus interpolation).</summary>
    public bool AllLevels { get; init; } = true;

    /// <summary>Timed repetitions per (kind, level); the median and the median absolute deviation are kept.</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>Untimed repetitions first (JIT, caches, the plaintext cache).</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Stop measuring new levels after this much time (anchors are always measured); null for no limit.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Kinds to measure (names from <see cref="CostKinds.All"/>); null for all.</summary>
    public IReadOnlyCollection<string>? Kinds { get; init; }

    /// <summary>Rotations per hoisted batch when measuring <see cref="CostKinds.RotHoisted"/>.</summary>
    public int HoistedRotations { get; init; } = 4;

    /// <summary>Calls per kind on a tiny parameter set before measuring, so that all code is JIT-optimized (0 disables).</summary>
    public int JitWarmupCalls { get; init; } = 60;

    /// <summary>The quick preset: anchors only, 3 repetitions.</summary>
    public static CalibrationOptions Quick { get; } = new() { AllLevels = false, Repetitions = 3 };
}
