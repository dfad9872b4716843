namespace HEPrune.Core.Training;

/// <summary>The update rule of HETAL's trainer (`--sgd nesterov|vanilla`).</summary>
public enum OptimizerKind
{
    /// <summary>Nesterov accelerated gradient in the inferred form of spec §1.4 (HETAL's default).</summary>
    Nesterov,
    /// <summary>Plain SGD: W ← W − η·g.</summary>
    Vanilla,
}
