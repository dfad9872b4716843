namespace HEPrune.Ckks.Scheme;

/// <summary>The security claim of a parameter set.</summary>
public enum SecurityLevel
{
    /// <summary>128-bit classical security for a uniform ternary secret per the HE standard table (checked on creation).</summary>
    Classical128 = 0,

    /// <summary>No security claim: for tests only. Everything built from such parameters reports <c>IsTestOnlyInsecure</c>.</summary>
    TestOnlyInsecure = 1,
}
