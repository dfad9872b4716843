using HEPrune.Core.He;

namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// What the encrypted forward pass leaves for backpropagation: the approximate softmax P, each layer's input
/// activations (layer 0: the data's feature blocks) and each hidden layer's masked activation derivative.
/// </summary>
/// <param name="P">Approximate softmax probabilities (HETAL's layout: row r, columns tiled with period c_pad).</param>
/// <param name="Inputs">Input ciphertexts of every layer, as used by its DiagABT.</param>
/// <param name="Derivatives">q'(z/R) of every hidden layer, zero outside its real rows and units.</param>
public sealed record MlpForwardState(HeCiphertext P, IReadOnlyList<IReadOnlyList<HeCiphertext>> Inputs, IReadOnlyList<HeCiphertext> Derivatives);
