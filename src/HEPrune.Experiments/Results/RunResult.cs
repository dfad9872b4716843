namespace HEPrune.Experiments.Results;

/// <summary>What an executor measured for one run; the harness wraps it into a <see cref="RunRecord"/>.</summary>
/// <remarks>Every number is <see cref="Sourced"/> or carries a <c>Source</c>; leave a figure out rather than guess it.</remarks>
public sealed record RunResult
{
    /// <summary>Backend that produced the run's numbers (emulated, ckks, plaintext).</summary>
    public required string Backend { get; init; }
    /// <summary>CKKS parameters actually used, as name → value text (ring degree, levels, scale bits, log QP, …).</summary>
    public IReadOnlyDictionary<string, string>? CkksParameters { get; init; }
    /// <summary>Samples actually used per split.</summary>
    public required SampleCounts Samples { get; init; }
    /// <summary>Accuracy per epoch plus best and final.</summary>
    public required AccuracySeries Accuracy { get; init; }
    /// <summary>Ciphertexts and kept samples per epoch.</summary>
    public IReadOnlyList<EpochStats> Epochs { get; init; } = [];
    /// <summary>Measured wall time per component (e.g. forward, backward, score, select, cwp, total).</summary>
    public IReadOnlyList<ComponentTime> Time { get; init; } = [];
    /// <summary>HE operation counts by kind, level and (optionally) component.</summary>
    public IReadOnlyList<OpCount> Operations { get; init; } = [];
    /// <summary>Bytes sent per message type and direction, as counted by the channel.</summary>
    public IReadOnlyList<MessageBytes> Messages { get; init; } = [];
    /// <summary>Free-form remarks from the executor (e.g. which cache was reused).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Number of samples used in each split.</summary>
public sealed record SampleCounts(int Train, int Val, int Test);

/// <summary>Accuracy over training.</summary>
/// <param name="PerEpoch">One entry per epoch run (epochs counted from 1).</param>
/// <param name="Best">Best test accuracy over epochs, in percent (HEPrune's reported number).</param>
/// <param name="BestEpoch">Epoch of <paramref name="Best"/>.</param>
/// <param name="Final">Test accuracy of the returned model, in percent.</param>
public sealed record AccuracySeries(IReadOnlyList<EpochAccuracy> PerEpoch, Sourced Best, int BestEpoch, Sourced Final);

/// <summary>Accuracy figures after one epoch.</summary>
public sealed record EpochAccuracy(int Epoch, Sourced? TestAccuracy, Sourced? ValAccuracy, Sourced? ValLoss);

/// <summary>Data volume of one epoch.</summary>
/// <param name="Epoch">Epoch, from 1.</param>
/// <param name="Ciphertexts">Sample-block ciphertexts trained on.</param>
/// <param name="KeptSamples">Samples trained on.</param>
/// <param name="Pruned">Whether a pruning round selected the data at the start of this epoch.</param>
public sealed record EpochStats(int Epoch, int Ciphertexts, int KeptSamples, bool Pruned);

/// <summary>Wall time of one component.</summary>
public sealed record ComponentTime(string Component, Sourced Seconds);

/// <summary>How many times an HE operation of one kind ran at one level.</summary>
/// <param name="Kind">Operation kind as the cost model names it (e.g. mul, rotate, rescale, bootstrap).</param>
/// <param name="Level">Ciphertext level the operation ran at.</param>
/// <param name="Count">Number of operations.</param>
/// <param name="Source">Backend that counted them.</param>
/// <param name="Component">Protocol component (forward, backward, hefs, cwp, …), or null when not attributed.</param>
public sealed record OpCount(string Kind, int Level, long Count, string Source, string? Component = null);

/// <summary>Bytes of one message type crossing the channel.</summary>
/// <param name="Type">Message type (e.g. val_logits, scores, mask, weights).</param>
/// <param name="Direction"><c>server_to_client</c> or <c>client_to_server</c>.</param>
/// <param name="Count">Number of messages.</param>
/// <param name="Bytes">Total bytes.</param>
/// <param name="Source">Backend whose serialisation was counted.</param>
public sealed record MessageBytes(string Type, string Direction, long Count, long Bytes, string Source);
