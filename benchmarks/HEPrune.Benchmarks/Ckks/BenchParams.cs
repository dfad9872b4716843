namespace HEPrune.Benchmarks.Ckks;

/// <summary>Reads benchmark parameter lists from environment variables so a short run can be restricted (e.g. one preset, one thread count).</summary>
/// <remarks>
/// <c>HEPRUNE_BENCH_PRESETS</c> (comma-separated, default <c>N14,N15,PaperN16</c>) and <c>HEPRUNE_BENCH_THREADS</c> (default <c>1,2</c>).
/// </remarks>
public static class BenchParams
{
    /// <summary>Presets to run: <c>HEPRUNE_BENCH_PRESETS</c> or all three.</summary>
    public static IEnumerable<string> Presets() => Split("HEPRUNE_BENCH_PRESETS", "N14,N15,PaperN16");

    /// <summary>Thread counts to run: <c>HEPRUNE_BENCH_THREADS</c> or 1 and 2.</summary>
    public static IEnumerable<int> Threads()
    {
        foreach (string s in Split("HEPRUNE_BENCH_THREADS", "1,2"))
        {
            yield return int.TryParse(s, out int t) && t >= 1
                ? t
                : throw new ArgumentException($"HEPRUNE_BENCH_THREADS: expected positive integers separated by commas, got '{s}'.");
        }
    }

    private static string[] Split(string name, string fallback)
        => (Environment.GetEnvironmentVariable(name) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
