namespace HEPrune.Core.Training;

/// <summary>Outcome of the float64 reference training.</summary>
public sealed class PlainTrainingResult
{
    /// <summary>Test accuracy after each epoch.</summary>
    public List<double> TestAccuracy { get; } = new();

    /// <summary>Validation loss (exact softmax cross-entropy) after each epoch.</summary>
    public List<double> ValidationLoss { get; } = new();

    /// <summary>Epoch of the lowest validation loss.</summary>
    public int BestEpoch { get; internal set; }

    /// <summary>The returned model (best-validation-loss or last, per the options).</summary>
    public double[,] FinalWeights { get; internal set; } = new double[0, 0];

    /// <summary>Test accuracy of the returned model.</summary>
    public double FinalAccuracy { get; internal set; }

    /// <summary>Highest per-epoch test accuracy.</summary>
    public double BestAccuracy => TestAccuracy.Count == 0 ? 0 : TestAccuracy.Max();
}
