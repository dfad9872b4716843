namespace HEPrune.Experiments.Running;

/// <summary>A run of the matrix with its stable id (hash of the canonical resolved config).</summary>
/// <param name="Id">12 hex digits; equal configs give equal ids on every machine.</param>
/// <param name="Run">The resolved configuration.</param>
/// <param name="Canonical">The canonical JSON that was hashed.</param>
public sealed record PlannedRun(string Id, ResolvedRun Run, string Canonical)
{
    /// <summary>Plans <paramref name="run"/>: computes its canonical form and id.</summary>
    public static PlannedRun Of(ResolvedRun run)
    {
        var canonical = CanonicalJson.Serialize(run);
        return new PlannedRun(CanonicalJson.ShortHash(canonical), run, canonical);
    }
}
