namespace HEPrune.Core.Pruning.Methods;

/// <summary>Which importance score a method computes under encryption.</summary>
public enum ScoreKind
{
    /// <summary>No score (full data or random subsets).</summary>
    None,
    /// <summary>HE-EL2N: squared error, class sum, Newton-type square root (the Prune Baseline's score).</summary>
    El2n,
    /// <summary>HEFS: L1 error through the sign composite.</summary>
    Hefs,
}

/// <summary>How a method turns scores into the kept subset.</summary>
public enum SelectionKind
{
    /// <summary>No selection: the full data set (HETAL).</summary>
    None,
    /// <summary>A uniformly random subset at every pruning epoch.</summary>
    Random,
    /// <summary>Client-aided masking: scores go to the client, a plaintext mask comes back.</summary>
    ClientAided,
    /// <summary>Server-only: homomorphic sort, encrypted threshold and encrypted mask (the Prune Baseline).</summary>
    EncryptedSort,
}

/// <summary>How a method removes the pruned samples from the training set.</summary>
public enum RepackKind
{
    /// <summary>Nothing is removed (full data).</summary>
    None,
    /// <summary>Pruned rows are zeroed in place; the ciphertext count does not fall.</summary>
    MaskInPlace,
    /// <summary>Ciphertext-wise pruning: kept samples are moved into ⌈kept/B⌉ groups.</summary>
    Cwp,
}

/// <summary>A pruning method as a combination of score, selection and repacking (one row of HEPrune's Table 2).</summary>
/// <param name="Name">Method name used in configs and results.</param>
/// <param name="Score">Score circuit.</param>
/// <param name="Selection">Selection mechanism.</param>
/// <param name="Repack">Repacking mechanism.</param>
public sealed record PruningMethodSpec(string Name, ScoreKind Score, SelectionKind Selection, RepackKind Repack)
{
    /// <summary>Full data, no pruning (Table 2 row "Full Data (HETAL)").</summary>
    public static PruningMethodSpec Hetal { get; } = new("hetal", ScoreKind.None, SelectionKind.None, RepackKind.None);

    /// <summary>HE-EL2N + homomorphic sort + encrypted mask (row "Prune Baseline").</summary>
    public static PruningMethodSpec PruneBaseline { get; } = new("prune_baseline", ScoreKind.El2n, SelectionKind.EncryptedSort, RepackKind.MaskInPlace);

    /// <summary>HE-EL2N + client-aided masking (row "+Client Aided").</summary>
    public static PruningMethodSpec ClientAided { get; } = new("client_aided", ScoreKind.El2n, SelectionKind.ClientAided, RepackKind.MaskInPlace);

    /// <summary>HEFS + client-aided masking (row "+HEFS").</summary>
    public static PruningMethodSpec Hefs { get; } = new("hefs", ScoreKind.Hefs, SelectionKind.ClientAided, RepackKind.MaskInPlace);

    /// <summary>HEFS + client-aided masking + ciphertext-wise pruning (row "+Ciphertext-wise Pruning", HEPrune).</summary>
    public static PruningMethodSpec HePrune { get; } = new("heprune", ScoreKind.Hefs, SelectionKind.ClientAided, RepackKind.Cwp);

    /// <summary>A random subset at every pruning epoch, with ciphertext-wise pruning (a control, not in the paper).</summary>
    public static PruningMethodSpec Random { get; } = new("random", ScoreKind.None, SelectionKind.Random, RepackKind.Cwp);

    /// <summary>All methods in Table 2 order, then the random control.</summary>
    public static IReadOnlyList<PruningMethodSpec> All { get; } = [Hetal, PruneBaseline, ClientAided, Hefs, HePrune, Random];

    /// <summary>Returns the method with the given name.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static PruningMethodSpec Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var m in All)
            if (string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)) return m;
        throw new ArgumentException($"PruningMethodSpec: unknown method '{name}'; expected one of hetal, prune_baseline, client_aided, hefs, heprune, random.", nameof(name));
    }
}
