using HEPrune.Core.He;

namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// The server's encrypted MLP: for every layer the vertically tiled weights W̃_l (row r holds output unit r mod c_pad,
/// bias last), in that layer's block layout; <see cref="Step"/> counts the updates done.
/// </summary>
public sealed class EncryptedMlp
{
    /// <summary>Creates the model from each layer's weight ciphertexts.</summary>
    /// <exception cref="ArgumentException">No layers.</exception>
    public EncryptedMlp(IReadOnlyList<HeCiphertext[]> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("EncryptedMlp: no layers.", nameof(layers));
        Layers = layers.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>The weight ciphertexts of each layer (replaced by every update).</summary>
    public HeCiphertext[][] Layers { get; }

    /// <summary>Number of updates done.</summary>
    public int Step { get; internal set; }
}
