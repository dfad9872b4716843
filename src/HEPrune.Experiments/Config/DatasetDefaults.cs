namespace HEPrune.Experiments.Config;

/// <summary>Per-dataset training defaults from the published recipes (spec §3.6, §1.5 and Table 3).</summary>
/// <param name="Lr">Learning rate.</param>
/// <param name="Batch">Mini-batch size.</param>
/// <param name="Epochs">Maximum epochs.</param>
/// <param name="PruneEvery">Pruning period Δτ.</param>
/// <param name="Window">Noise window ratio.</param>
public sealed record RecipeRow(double Lr, int Batch, int Epochs, int PruneEvery, double Window);

/// <summary>The default hyperparameter tables, one per <c>training.recipe</c>.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>heprune</c>: HEPrune's accuracy scripts (spec §3.6, DeepCore/datasets.sh), batch 128 for every method as the paper unifies it.</item>
/// <item><c>hetal</c>: HETAL's hyperparams.py (spec §1.5): lr, batch, max epochs; Δτ and window from the heprune row.</item>
/// <item><c>per_method</c>: <c>hetal</c> rows for method hetal, <c>heprune</c> rows for every pruning method.</item>
/// <item><c>scratch</c>: Table 3 (spec §3.8): MLP from scratch, lr 0.1, Δτ 10, 50 epochs, batch 128.</item>
/// </list>
/// Fashion-MNIST is not in the papers; it borrows MNIST's rows (an assumption, stated in docs/configs.md).
/// </remarks>
public static class DatasetDefaults
{
    private static readonly Dictionary<string, RecipeRow> HePrune = new()
    {
        ["mnist"] = new(0.5, 128, 7, 3, 0.04),
        ["fashion_mnist"] = new(0.5, 128, 7, 3, 0.04),
        ["cifar10"] = new(0.5, 128, 9, 3, 0.0),
        ["face_mask"] = new(0.8, 128, 22, 5, 0.025),
        ["dermamnist"] = new(0.95, 128, 23, 5, 0.18),
        ["snips"] = new(0.5, 128, 14, 5, 0.0),
    };

    private static readonly Dictionary<string, (double Lr, int Batch, int Epochs)> Hetal = new()
    {
        ["mnist"] = (2.0, 1024, 7),
        ["fashion_mnist"] = (2.0, 1024, 7),
        ["cifar10"] = (1.0, 2048, 9),
        ["face_mask"] = (0.5, 512, 22),
        ["dermamnist"] = (0.3, 1024, 23),
        ["snips"] = (1.0, 1024, 14),
    };

    /// <summary>Default hidden widths of the from-scratch MLP (784→128→128→10, spec §3.7).</summary>
    public static readonly IReadOnlyList<int> MlpHidden = [128, 128];

    /// <summary>HETAL's default early-stopping patience (spec §1.4).</summary>
    public const int Patience = 3;

    /// <summary>The row of <paramref name="recipe"/> for <paramref name="dataset"/> and <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">Unknown dataset or recipe.</exception>
    public static RecipeRow For(string recipe, string dataset, string method)
    {
        if (!HePrune.TryGetValue(dataset, out var hp))
            throw new ArgumentException($"DatasetDefaults: unknown dataset '{dataset}'; allowed: {string.Join(", ", HePrune.Keys)}", nameof(dataset));
        return recipe switch
        {
            "heprune" => hp,
            "hetal" => FromHetal(dataset, hp),
            "per_method" => method == "hetal" ? FromHetal(dataset, hp) : hp,
            "scratch" => new RecipeRow(0.1, 128, 50, 10, 0.0),
            _ => throw new ArgumentException($"DatasetDefaults: unknown recipe '{recipe}'; allowed: {string.Join(", ", Vocabulary.Recipes)}", nameof(recipe)),
        };
    }

    private static RecipeRow FromHetal(string dataset, RecipeRow hp)
    {
        var h = Hetal[dataset];
        return hp with { Lr = h.Lr, Batch = h.Batch, Epochs = h.Epochs };
    }
}
