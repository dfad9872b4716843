using HEPrune.Core.Circuits;

namespace HEPrune.Core.Training.Mlp;

/// <summary>Hyperparameters and run settings of one encrypted MLP training from scratch.</summary>
public sealed record MlpOptions
{
    /// <summary>Hidden layer widths (paper: 128, 128).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [128, 128];

    /// <summary>Learning rate η of vanilla SGD (paper: 0.1).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Batch size B (paper: 128).</summary>
    public int Batch { get; init; } = 128;

    /// <summary>Number of epochs (paper: 50).</summary>
    public int Epochs { get; init; } = 50;

    /// <summary>Seed of the initial weights and of batch composition and order.</summary>
    public int Seed { get; init; }

    /// <summary>The ReLU approximation (forward and derivative).</summary>
    public ReluApproximation Activation { get; init; } = ReluApproximation.Default;

    /// <summary>The approximate softmax's domain-extension settings (default <see cref="SoftmaxSettings.Mlp"/>: r = 16, n = 4).</summary>
    public SoftmaxSettings Softmax { get; init; } = SoftmaxSettings.Mlp;

    /// <summary>How refresh points are served.</summary>
    public RefreshMode Refresh { get; init; } = RefreshMode.Bootstrap;

    /// <summary>
    /// Run the functional fast path (<see cref="FunctionalMlp"/>: matrix math plus the circuit's counts) instead of
    /// emulating every step's circuit; emulated backend with bootstrap-style refresh only.
    /// </summary>
    public bool Functional { get; init; }

    /// <summary>Shuffle samples into batches and batch order per epoch.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// A short id of the approximations the encrypted network computes (activation and softmax), e.g.
    /// <c>relu max∘fgg[-64,64]; softmax r=16 n=4 (R_max 128)</c>; part of a run's resolved configuration, so changing a
    /// default changes the run ids of encrypted MLP runs.
    /// </summary>
    public static string ApproximationsId(MlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"relu {options.Activation.Name}; {options.Softmax}";
    }

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"MlpOptions: LearningRate must be a positive finite number, got {LearningRate}.");
        if (Batch < 1) throw new ArgumentException($"MlpOptions: Batch must be >= 1, got {Batch}.");
        if (Epochs < 1) throw new ArgumentException($"MlpOptions: Epochs must be >= 1, got {Epochs}.");
        ArgumentNullException.ThrowIfNull(Hidden);
        ArgumentNullException.ThrowIfNull(Activation);
        ArgumentNullException.ThrowIfNull(Softmax);
    }
}
