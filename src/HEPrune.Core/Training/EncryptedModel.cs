using HEPrune.Core.He;

namespace HEPrune.Core.Training;

/// <summary>
/// The server's encrypted classifier: the vertically tiled weights W̃ (Bk ciphertexts) and, for Nesterov, the
/// look-ahead point V at which gradients are taken; <see cref="Step"/> counts updates done.
/// </summary>
public sealed class EncryptedModel
{
    /// <summary>Creates a model from its weight ciphertexts; Nesterov also tracks V (initially W).</summary>
    public EncryptedModel(IReadOnlyList<HeCiphertext> weights, OptimizerKind optimizer)
    {
        ArgumentNullException.ThrowIfNull(weights);
        W = weights.ToArray();
        V = optimizer == OptimizerKind.Nesterov ? weights.ToArray() : null;
        Optimizer = optimizer;
    }

    /// <summary>The update rule.</summary>
    public OptimizerKind Optimizer { get; }

    /// <summary>Current iterate w_t (the model that is validated and returned).</summary>
    public HeCiphertext[] W { get; internal set; }

    /// <summary>Nesterov look-ahead v_t, or null for vanilla SGD.</summary>
    public HeCiphertext[]? V { get; internal set; }

    /// <summary>Number of updates done.</summary>
    public int Step { get; internal set; }

    /// <summary>Weights the forward pass of training uses (V for Nesterov, W otherwise).</summary>
    public IReadOnlyList<HeCiphertext> ForwardWeights => V ?? W;
}
