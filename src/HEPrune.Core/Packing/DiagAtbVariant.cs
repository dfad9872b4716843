namespace HEPrune.Core.Packing;

/// <summary>Which DiagATB algorithm to use (HETAL Table 6 rows).</summary>
public enum DiagAtbVariant
{
    /// <summary>HETAL's rule: RotLeft when level(E) ≥ level(X), otherwise PRotUp.</summary>
    Auto,
    /// <summary>Row 1: in-row left rotations of E with a spill mask (depth 4 on E, 2 on X).</summary>
    RotLeft,
    /// <summary>Row 2: plain rotations of E and a partial rotate-up of X (depth 3 on both).</summary>
    PRotUp,
}
