namespace HEPrune.Core.He.Emulated;

/// <summary>Builds the emulated backend: evaluator, client and codec over one parameter shape.</summary>
public static class EmulatedBackend
{
    /// <summary>Creates an emulated backend.</summary>
    /// <param name="parameters">Parameter shape; defaults to <see cref="HeParameters.PaperN16"/>.</param>
    /// <param name="keys">Evaluation keys to enforce, or null for all.</param>
    /// <param name="noise">Noise model, or null for none.</param>
    /// <param name="bootstrapMinLevel">If non-null, installs an emulated bootstrapper with this minimum input level.</param>
    public static HeBackend Create(HeParameters? parameters = null, EvaluationKeySet? keys = null,
        EmulationNoise? noise = null, int? bootstrapMinLevel = null)
    {
        parameters ??= HeParameters.PaperN16;
        var evaluator = new EmulatedEvaluator(parameters, keys, noise);
        if (bootstrapMinLevel is int m) evaluator.Refresher = evaluator.CreateBootstrapper(m);
        return new HeBackend("emulated", evaluator, new EmulatedClient(parameters, noise), new EmulatedCodec(parameters));
    }
}
