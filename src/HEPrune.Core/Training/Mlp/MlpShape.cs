namespace HEPrune.Core.Training.Mlp;

/// <summary>
/// The widths of a fully connected network: input features, hidden layers (ReLU-like activation after each) and
/// classes (softmax). Layer l maps In(l) inputs plus a bias to Out(l) outputs; weights are Out(l) × (In(l) + 1), bias last.
/// </summary>
public sealed record MlpShape
{
    /// <summary>Creates a shape.</summary>
    /// <exception cref="ArgumentException">A width is not positive, there is no hidden layer, or fewer than 2 classes.</exception>
    public MlpShape(int input, IReadOnlyList<int> hidden, int classes)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (input < 1) throw new ArgumentException($"MlpShape: input width must be >= 1, got {input}.", nameof(input));
        if (hidden.Count == 0) throw new ArgumentException("MlpShape: need at least one hidden layer (without one use softmax regression).", nameof(hidden));
        for (int i = 0; i < hidden.Count; i++)
            if (hidden[i] < 1) throw new ArgumentException($"MlpShape: hidden[{i}] = {hidden[i]} must be >= 1.", nameof(hidden));
        if (classes < 2) throw new ArgumentException($"MlpShape: need >= 2 classes, got {classes}.", nameof(classes));
        Input = input;
        Hidden = hidden.ToArray();
        Classes = classes;
    }

    /// <summary>Input features (without the bias).</summary>
    public int Input { get; }

    /// <summary>Hidden layer widths.</summary>
    public IReadOnlyList<int> Hidden { get; }

    /// <summary>Output classes.</summary>
    public int Classes { get; }

    /// <summary>Number of weight layers (hidden layers + 1).</summary>
    public int Layers => Hidden.Count + 1;

    /// <summary>Inputs of layer l (without the bias).</summary>
    public int In(int layer) => layer == 0 ? Input : Hidden[layer - 1];

    /// <summary>Outputs of layer l.</summary>
    public int Out(int layer) => layer == Hidden.Count ? Classes : Hidden[layer];

    /// <summary>The paper's network: 784 → 128 → 128 → 10 (spec §3.7).</summary>
    public static MlpShape Paper { get; } = new(784, [128, 128], 10);

    /// <inheritdoc />
    public override string ToString() => $"{Input}-{string.Join("-", Hidden)}-{Classes}";
}
